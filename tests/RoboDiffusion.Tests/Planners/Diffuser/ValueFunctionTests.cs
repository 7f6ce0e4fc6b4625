using RoboDiffusion.Planners.Diffuser;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Diffuser;

public sealed class ValueFunctionTests
{
    [Fact]
    public void Returns_to_go_are_discounted_sums_to_the_end_of_each_episode()
    {   // Episode 1: r = (0, 1, 1), γ = 0.5 → G = (0 + 0.5·1 + 0.25·1, 1 + 0.5·1, 1); episode 2: r = (2) → G = 2.
        var g = ValueObjective.ReturnsToGo([0f, 1f, 1f, 2f], [(0, 3), (3, 4)], 0.5);
        Assert.Equal([0.75f, 1.5f, 1f, 2f], g);
    }

    [Fact]
    public void Value_network_maps_trajectories_to_one_value_each()
    {
        using var planner = TinyPlanner.Create();
        using var net = new ValueFunction(planner.Config);
        using var v = net.forward(randn(3, 64, 6, generator: new Generator(1)), tensor(new long[] { 0, 4, 9 }));
        Assert.Equal([3L, 1], v.shape);
    }

    [Fact]
    public void A_value_network_with_too_few_channels_is_rejected()
    {   // last DownDims 32 → the value network would end with 32/4 = 8 channels, below the 16 it requires
        var config = TinyPlanner.Config() is var c ? c with { Unet = c.Unet with { DownDims = [16, 32] } } : null!;
        var e = Assert.Throws<ArgumentException>(() => new ValueFunction(config.Validated()));
        Assert.Contains("at least 64", e.Message);
    }

    [Fact]
    public void Value_training_fits_a_return_that_depends_on_the_trajectory()
    {   // target = 3·(mean normalized x) + 2; 150 Adam steps on fixed data must cut the MSE well below its start.
        using var planner = TinyPlanner.Create();
        manual_seed(0);
        using var net = new ValueFunction(planner.Config);
        var objective = new ValueObjective(planner.Config);
        var x0 = rand([32, 64, 6], generator: new Generator(3)) * 2 - 1;
        var target = x0[.., .., 2].mean([1]) * 3 + 2;
        var opt = optim.Adam(net.parameters(), 3e-3);
        using (no_grad()) Assert.False(net.forward(x0, zeros(32)).isnan().any().item<bool>(), "the fresh network outputs NaN");
        var losses = new List<float>();
        var g = new Generator(9);
        for (var step = 0; step < 150; step++)
        {
            opt.zero_grad();
            using (var scope = NewDisposeScope())   // Adam creates its state in step(): keep that outside the scope
            {
                var loss = objective.Loss(net, x0, target, g);
                loss.backward();
                losses.Add(loss.item<float>());
            }
            if (step == 0)
            {
                var bad = net.named_parameters().Where(p => p.parameter.grad is { } gr && !gr.isfinite().all().item<bool>()).Select(p => p.name).ToList();
                Assert.True(bad.Count == 0, $"non-finite gradients at step 0: {string.Join(", ", bad)}");
            }
            opt.step();
        }
        Assert.True(losses.All(float.IsFinite), $"first non-finite loss at step {losses.FindIndex(l => !float.IsFinite(l))}: {string.Join(", ", losses.Take(5))}");
        Assert.True(losses.TakeLast(20).Average() < 0.5 * losses.Take(20).Average(),
            $"loss {losses.Take(20).Average():G3} → {losses.TakeLast(20).Average():G3}");
    }
}
