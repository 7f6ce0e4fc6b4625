using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Schedules;

public sealed class DiscreteScheduleTests
{
    private static readonly DiscreteSchedule Schedule = new();

    public DiscreteScheduleTests() => TorchRuntime.Initialize();

    [Fact]
    public void Sigmas_are_the_noise_to_signal_ratios_of_alpha_bar()
    {
        foreach (var t in new[] { 0, 10, 500, 999 })
        {
            var a = Schedule.AlphasCumprod[t];
            Assert.Equal(Math.Sqrt((1 - a) / a), Schedule.Sigmas[t], 12);
        }
        Assert.Equal(Math.Sqrt(1e-4 / (1 - 1e-4)), Schedule.SigmaMin, 14);       // ᾱ₀ = 1 − β₀
    }

    [Fact]
    public void Sigma_to_t_inverts_t_to_sigma_for_fractional_timesteps()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new[] { 0.0, 0.25, 17.5, 500.3, 998.9, 999.0 });
        var back = Schedule.SigmaToT(Schedule.TToSigma(t));
        Assert.True(back.allclose(t, rtol: 0, atol: 1e-9), string.Join(", ", back.data<double>().ToArray()));
    }

    [Fact]
    public void Between_steps_sigma_is_the_geometric_mean_of_its_neighbours()
    {   // Linear interpolation in log σ: σ(i + ½) = √(σ_i·σ_{i+1}); integer t hits σ_t exactly.
        Assert.Equal(Math.Sqrt(Schedule.Sigmas[41] * Schedule.Sigmas[42]), Schedule.TToSigma(41.5), 12);
        Assert.Equal(Schedule.Sigmas[700], Schedule.TToSigma(700), 12);
        Assert.Equal(700.0, Schedule.SigmaToT(Schedule.Sigmas[700]), 9);
    }

    [Fact]
    public void Sigma_to_t_clamps_outside_the_schedule_and_quantizes_to_the_nearest_step()
    {
        Assert.Equal(0.0, Schedule.SigmaToT(Schedule.SigmaMin / 10));
        Assert.Equal(999.0, Schedule.SigmaToT(Schedule.SigmaMax * 10));
        Assert.Equal(0.0, Schedule.SigmaToT(0.0));
        Assert.Equal(41.0, Schedule.SigmaToT(Schedule.TToSigma(41.4), quantize: true));
        Assert.Equal(42.0, Schedule.SigmaToT(Schedule.TToSigma(41.6), quantize: true));
    }

    [Fact]
    public void Sigma_to_t_keeps_shape_and_float32_dtype()
    {
        using var scope = NewDisposeScope();
        var sigma = full([2, 3], 1.0f);
        var t = Schedule.SigmaToT(sigma);
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
    }

    [Fact]
    public void Timesteps_outside_the_schedule_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.TToSigma(-0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.TToSigma(999.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.TToSigma(double.NaN));
    }
}
