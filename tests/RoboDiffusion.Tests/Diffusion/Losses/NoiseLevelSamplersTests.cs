using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Losses;

public sealed class NoiseLevelSamplersTests
{
    private const int N = 20000;

    public NoiseLevelSamplersTests() => TorchRuntime.Initialize();

    [Fact]
    public void Discrete_levels_are_schedule_sigmas_at_uniform_timesteps()
    {   // t ~ U{0…999}: mean t ≈ 499.5 (std of the mean ≈ 2).
        using var scope = NewDisposeScope();
        var schedule = new DiscreteSchedule();
        var sigma = NoiseLevelSamplers.DiscreteUniform(schedule)(N, new Generator(0));
        var t = schedule.SigmaToT(sigma);
        Assert.True(t.allclose(t.round(), rtol: 0, atol: 1e-6));
        Assert.InRange(t.mean().item<double>(), 490, 509);
        Assert.InRange(t.min().item<double>(), 0, 5);
        Assert.InRange(t.max().item<double>(), 994, 999);
    }

    [Fact]
    public void Edm_levels_are_log_normal_with_p_mean_and_p_std()
    {   // Karras et al. (2022), Table 1: ln σ ~ N(−1.2, 1.2²).
        using var scope = NewDisposeScope();
        var logSigma = NoiseLevelSamplers.LogNormal()(N, new Generator(1)).log();
        Assert.InRange(logSigma.mean().item<double>(), -1.23, -1.17);
        Assert.InRange(logSigma.std().item<double>(), 1.17, 1.23);
    }

    [Fact]
    public void Flow_times_are_uniform_or_logit_normal()
    {   // σ = t/(1 − t): U(0, 1) has mean ½ and variance 1/12; logit(t) = ln σ ~ N(0, 1).
        using var scope = NewDisposeScope();
        var sigma = NoiseLevelSamplers.Flow(FlowTimeDistribution.Uniform)(N, new Generator(2));
        var t = sigma / (1 + sigma);
        Assert.InRange(t.mean().item<double>(), 0.49, 0.51);
        Assert.InRange(t.var().item<double>(), 1 / 12.0 - 0.003, 1 / 12.0 + 0.003);
        var logit = NoiseLevelSamplers.Flow(FlowTimeDistribution.LogitNormal)(N, new Generator(3)).log();
        Assert.InRange(logit.mean().item<double>(), -0.03, 0.03);
        Assert.InRange(logit.std().item<double>(), 0.97, 1.03);
    }

    [Fact]
    public void Non_positive_spreads_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseLevelSamplers.LogNormal(-1.2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseLevelSamplers.FlowLogitNormal(double.NaN, 1));
    }
}
