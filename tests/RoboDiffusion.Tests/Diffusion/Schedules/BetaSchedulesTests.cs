using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Diffusion.Schedules;

public sealed class BetaSchedulesTests
{
    [Fact]
    public void Linear_schedule_spans_ddpm_betas_and_reaches_the_documented_final_alpha_bar()
    {   // Ho et al. (2020): β from 1e-4 to 0.02 over 1000 steps; ᾱ_999 ≈ 4.04e-5, i.e. σ_max ≈ 157.4 (k-diffusion's DDPM σ_max).
        var s = new DiscreteSchedule();
        Assert.Equal(1000, s.NumTrainTimesteps);
        Assert.Equal(1e-4, s.Betas[0], 15);
        Assert.Equal(0.02, s.Betas[999], 15);
        Assert.Equal(1e-4 + 0.0199 / 999, s.Betas[1], 15);
        Assert.Equal(4.0358e-5, s.AlphasCumprod[999], 3e-8);
        Assert.Equal(157.4, s.SigmaMax, 0.1);
    }

    [Fact]
    public void Scaled_linear_with_stable_diffusion_betas_gives_the_documented_sigma_range()
    {   // SD v1 (β 0.00085…0.012, scaled_linear): σ ∈ [0.0292, 14.6146] as k-diffusion / A1111 report.
        var s = new DiscreteSchedule(new DiscreteScheduleConfig
        { BetaStart = 0.00085, BetaEnd = 0.012, Schedule = BetaSchedule.ScaledLinear });
        Assert.Equal(Math.Sqrt(0.00085 / (1 - 0.00085)), s.SigmaMin, 12);
        Assert.Equal(0.0292, s.SigmaMin, 4);
        Assert.Equal(14.6146, s.SigmaMax, 3);
        var step = Math.Sqrt(s.Betas[1]) - Math.Sqrt(s.Betas[0]);       // √β evenly spaced
        Assert.Equal(step, Math.Sqrt(s.Betas[700]) - Math.Sqrt(s.Betas[699]), 12);
        Assert.Equal((Math.Sqrt(0.012) - Math.Sqrt(0.00085)) / 999, step, 12);
    }

    [Fact]
    public void Cosine_alpha_bar_telescopes_to_nichol_dhariwal_and_caps_the_last_beta()
    {   // Nichol & Dhariwal (2021) eq. 17: ᾱ_i = f((i+1)/T)/f(0), f(t) = cos²((t+0.008)/1.008·π/2); β_{T−1} capped at 0.999.
        static double F(double t) => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2);
        var s = new DiscreteSchedule(new DiscreteScheduleConfig { Schedule = BetaSchedule.SquaredcosCapV2 });
        foreach (var i in new[] { 0, 1, 250, 500, 998 })
            Assert.Equal(F((i + 1) / 1000.0) / F(0), s.AlphasCumprod[i], 1e-10);
        Assert.Equal(0.999, s.Betas[999], 15);
        Assert.Equal(s.AlphasCumprod[998] * 0.001, s.AlphasCumprod[999], 1e-15);
        Assert.Equal(0.9999593, s.AlphasCumprod[0], 1e-6);                // 1 − β₀ with β₀ ≈ 4.07e-5
        for (var i = 1; i < 1000; i++) Assert.True(s.AlphasCumprod[i] < s.AlphasCumprod[i - 1]);
    }

    [Fact]
    public void Sigmoid_betas_follow_a_logistic_curve_symmetric_about_the_middle()
    {   // β_i = sigmoid(−6 + 12 i/(T−1))·(β_end − β_start) + β_start, and sigmoid(u) + sigmoid(−u) = 1.
        var s = new DiscreteSchedule(new DiscreteScheduleConfig { Schedule = BetaSchedule.Sigmoid });
        Assert.Equal(1 / (1 + Math.Exp(6)) * 0.0199 + 1e-4, s.Betas[0], 15);
        for (var i = 0; i < 500; i += 37) Assert.Equal(0.0201, s.Betas[i] + s.Betas[999 - i], 14);
    }

    [Theory]
    [InlineData(1, 1e-4, 0.02)]
    [InlineData(1000, 0.0, 0.02)]
    [InlineData(1000, 1e-4, 1.0)]
    [InlineData(1000, 0.03, 0.02)]
    [InlineData(1000, double.NaN, 0.02)]
    public void Invalid_schedule_configs_are_rejected(int steps, double betaStart, double betaEnd)
    {
        var config = new DiscreteScheduleConfig { NumTrainTimesteps = steps, BetaStart = betaStart, BetaEnd = betaEnd };
        Assert.ThrowsAny<ArgumentException>(() => new DiscreteSchedule(config));
    }
}
