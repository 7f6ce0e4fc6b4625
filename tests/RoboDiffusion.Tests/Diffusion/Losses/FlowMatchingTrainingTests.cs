using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Runtime;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Losses;

public sealed class FlowMatchingTrainingTests
{
    private readonly ITestOutputHelper _output;

    public FlowMatchingTrainingTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        _output = output;
    }

    [Fact]
    public void A_small_mlp_trained_by_flow_matching_samples_the_gaussian_data()
    {   // Data N(2, 0.3²); the objective and FlowOde share FlowMatchingParameterization, so the trained net samples the data.
        manual_seed(0);
        var mlp = nn.Sequential(nn.Linear(2, 32), nn.SiLU(), nn.Linear(32, 32), nn.SiLU(), nn.Linear(32, 1));
        NetworkFn net = (x, t, _) => mlp.forward(cat([x, t.view(-1, 1)], 1));
        var objective = DiffusionObjectives.Create(new ObjectiveConfig { Parameterization = Parameterization.FlowMatching });
        var opt = optim.Adam(mlp.parameters(), lr: 1e-2);
        var g = new Generator(1);
        var losses = new List<double>();
        for (var step = 0; step < 250; step++)
        {
            using var scope = NewDisposeScope();
            var x0 = 2 + 0.3 * randn([128, 1], generator: g);
            opt.zero_grad();
            var loss = objective.Loss(net, x0, null, g).mean();
            loss.backward();
            opt.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses.Take(20).Average() > 2 * losses.TakeLast(50).Average(), $"{losses.Take(20).Average()} → {losses.TakeLast(50).Average()}");
        using (no_grad())
        {
            var field = ((FlowMatchingParameterization)objective.Parameterization).Velocity(net, null);
            var x = FlowOde.Sample(field, [2048, 1], new Generator(2), FlowTimeGrids.Uniform(10), FlowSolver.Heun);
            _output.WriteLine($"loss {losses.Take(20).Average():F4} → {losses.TakeLast(50).Average():F4}; samples mean {x.mean().item<float>():F4}, std {x.std().item<float>():F4}");
            Assert.InRange(x.mean().item<float>(), 1.9, 2.1);
            Assert.InRange(x.std().item<float>(), 0.2, 0.4);
        }
    }
}
