using RoboDiffusion.Runtime;
using RoboDiffusion.Tests.Checkpoints;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Training;

public sealed class EmaModelTests
{
    private static readonly EmaConfig Dp = new();   // power 0.75, inv_gamma 1, [0, 0.9999], update_after_step 0

    public EmaModelTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]                    // s = 0: copy
    public void Decay_is_zero_for_the_first_two_steps(long step, double expected) =>
        Assert.Equal(expected, EmaModel.DecayAt(step, Dp));

    [Theory]
    [InlineData(2, 1)]
    [InlineData(11, 10)]
    [InlineData(1001, 1000)]
    public void Decay_follows_one_minus_one_plus_s_to_the_minus_three_quarters(long step, long s) =>
        Assert.Equal(1 - Math.Pow(1 + s, -0.75), EmaModel.DecayAt(step, Dp), 15);

    [Fact]
    public void Decay_is_clipped_at_the_maximum_and_waits_for_update_after_step()
    {
        Assert.Equal(0.9999, EmaModel.DecayAt(100_000_000, Dp));        // 1 − 1e8^−0.75 = 0.99999 > max
        var late = Dp with { UpdateAfterStep = 5 };
        Assert.Equal(0.0, EmaModel.DecayAt(6, late));
        Assert.Equal(1 - Math.Pow(2, -0.75), EmaModel.DecayAt(7, late), 15);
    }

    [Fact]
    public void Shadow_averages_parameters_with_the_decay_of_each_step()
    {   // One scalar weight set to 1, 2, 3, 4 before each step; the shadow follows e ← d·e + (1 − d)·θ.
        var model = nn.Linear(1, 1, hasBias: false, dtype: float64);
        using var ema = new EmaModel(model);
        double expected = 0;
        for (var k = 0; k < 4; k++)
        {
            using (no_grad()) model.weight!.fill_(k + 1.0);
            ema.Step(model);
            var d = k < 2 ? 0.0 : 1 - Math.Pow(k, -0.75);
            expected = d * expected + (1 - d) * (k + 1.0);
        }
        Assert.Equal(4, ema.OptimizationStep);
        Assert.Equal(expected, ema.Shadow["weight"].item<double>(), 14);
        Assert.NotEqual(4.0, expected, 3);                       // the average really lags
    }

    [Fact]
    public void Buffers_and_batchnorm_parameters_are_copied_not_averaged()
    {
        var model = nn.Sequential(("bn", nn.BatchNorm1d(2)));
        using var ema = new EmaModel(model);
        for (var k = 0; k < 5; k++)
        {
            using (no_grad()) model.state_dict()["bn.weight"].fill_(10.0 + k);
            model.train();
            model.forward(randn(16, 2) + k);
            ema.Step(model);
        }
        var state = model.state_dict();
        foreach (var name in new[] { "bn.weight", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked" })
            Assert.True(TensorBits.Same(ema.Shadow[name], state[name]), name);
    }

    [Fact]
    public void SwapIn_shows_the_average_then_restores_the_trained_weights()
    {
        var model = nn.Linear(2, 1, dtype: float64);
        using var ema = new EmaModel(model);
        using (no_grad()) model.weight!.fill_(5.0);
        var trained = model.weight!.clone();
        using (ema.SwapIn(model))
            Assert.True(TensorBits.Same(model.weight!, ema.Shadow["weight"]));
        Assert.True(TensorBits.Same(model.weight!, trained));
    }
}
