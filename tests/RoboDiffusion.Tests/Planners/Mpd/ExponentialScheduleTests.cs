using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Planners.Mpd;

public sealed class ExponentialScheduleTests
{
    [Fact]
    public void Exponential_betas_follow_the_closed_form_and_are_capped_below_one()
    {
        // MPD: β_i = 1e-4·exp(x_i·ln(1e4)/T), x = linspace(0, T, T) ⇒ β_i = 1e-4·10^(4i/(T−1)); the last one (= 1) is capped.
        var betas = BetaSchedules.Compute(new DiscreteScheduleConfig { NumTrainTimesteps = 25, Schedule = BetaSchedule.Exponential, BetaStart = 1e-4, BetaEnd = 1.0 });
        Assert.Equal(25, betas.Length);
        for (var i = 0; i < 24; i++) Assert.Equal(1e-4 * Math.Pow(10, 4.0 * i / 24), betas[i], 1e-12);
        Assert.Equal(BetaSchedules.MaxExponentialBeta, betas[24]);
        Assert.Equal(0.6812920690579612, betas[23], 1e-12);                 // β_23 = 10^(−4 + 4·23/24) = 10^(−1/6)
    }

    [Fact]
    public void Exponential_schedule_has_a_finite_largest_sigma()
    {
        var s = new DiscreteSchedule(new DiscreteScheduleConfig { NumTrainTimesteps = 25, Schedule = BetaSchedule.Exponential, BetaEnd = 1.0 });
        Assert.True(double.IsFinite(s.SigmaMax) && s.SigmaMax > 10, $"σ_max = {s.SigmaMax}");
        Assert.Equal(Math.Sqrt(1e-4 / (1 - 1e-4)), s.SigmaMin, 1e-12);         // σ_0 = √(β_0/(1 − β_0))
    }

    [Fact]
    public void Beta_end_of_one_is_rejected_for_other_schedules() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteScheduleConfig { BetaEnd = 1.0 }.Validated());
}
