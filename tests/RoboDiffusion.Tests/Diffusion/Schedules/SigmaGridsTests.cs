using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Diffusion.Schedules;

public sealed class SigmaGridsTests
{
    [Fact]
    public void Karras_grid_is_linear_in_sigma_to_the_one_over_rho_and_ends_with_zero()
    {   // Karras et al. (2022), eq. 5: σ_i^{1/ρ} steps evenly from σ_max^{1/ρ} to σ_min^{1/ρ}.
        var s = SigmaGrids.Karras(6, 0.002, 80, 7);
        Assert.Equal(7, s.Length);
        Assert.Equal(80, s[0], 12);
        Assert.Equal(0.002, s[5], 12);
        Assert.Equal(0, s[6]);
        var step = Math.Pow(0.002, 1 / 7.0) - Math.Pow(80, 1 / 7.0);
        for (var i = 0; i < 5; i++) Assert.Equal(step / 5, Math.Pow(s[i + 1], 1 / 7.0) - Math.Pow(s[i], 1 / 7.0), 12);
    }

    [Fact]
    public void Exponential_grid_has_constant_ratio_and_polyexponential_with_rho_one_equals_it()
    {
        var e = SigmaGrids.Exponential(5, 0.01, 10);
        var ratio = Math.Pow(0.01 / 10, 1 / 4.0);
        for (var i = 0; i < 4; i++) Assert.Equal(ratio, e[i + 1] / e[i], 12);
        var p = SigmaGrids.PolyExponential(5, 0.01, 10, rho: 1);
        for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], p[i], 12);
    }

    [Fact]
    public void Polyexponential_with_rho_two_bends_log_sigma_quadratically()
    {   // log σ_i = (1 − i/(n−1))^ρ·(log σ_max − log σ_min) + log σ_min.
        var p = SigmaGrids.PolyExponential(3, 0.01, 10, rho: 2);
        Assert.Equal(Math.Exp(0.25 * (Math.Log(10) - Math.Log(0.01)) + Math.Log(0.01)), p[1], 12);
    }

    [Fact]
    public void Vp_continuous_grid_matches_the_vp_sde_marginal_at_t_one_and_t_eps()
    {   // Song et al. (2021): σ(t)² = exp(β_d t²/2 + β_min t) − 1.
        var s = SigmaGrids.VpContinuous(10);
        Assert.Equal(Math.Sqrt(Math.Exp(19.9 / 2 + 0.1) - 1), s[0], 9);
        Assert.Equal(Math.Sqrt(Math.Exp(19.9 * 1e-6 / 2 + 0.1 * 1e-3) - 1), s[9], 12);
        Assert.Equal(0, s[10]);
    }

    [Fact]
    public void A_single_step_grid_holds_sigma_max_then_zero()
    {
        Assert.Equal([80.0, 0.0], SigmaGrids.Karras(1, 0.002, 80));
    }

    [Theory]
    [InlineData(0, 0.002, 80.0)]
    [InlineData(10, 80.0, 0.002)]
    [InlineData(10, 1.0, 1.0)]
    [InlineData(10, 0.0, 80.0)]
    [InlineData(10, 0.002, double.PositiveInfinity)]
    public void Bad_grid_arguments_are_rejected_with_a_message(int n, double sigmaMin, double sigmaMax)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => SigmaGrids.Karras(n, sigmaMin, sigmaMax));
        Assert.Matches("steps|σ_min|σ_max", e.Message);
    }

    [Fact]
    public void Grid_spec_parses_every_kind_by_name_and_lists_them_when_unknown()
    {
        foreach (var name in new[] { "karras", "exponential", "poly_exponential", "vp_continuous", "leading", "trailing", "linspace" })
        {
            var kind = OptionNames.Parse<SigmaGridKind>(name);
            var grid = new SigmaGridSpec { Kind = kind, Steps = 10, Rho = kind == SigmaGridKind.PolyExponential ? 1 : 7 }.Create();
            Assert.Equal(11, grid.Length);
            Assert.Equal(0, grid[^1]);
            for (var i = 0; i < 10; i++) Assert.True(grid[i] > grid[i + 1], $"{name}: σ must decrease at {i}");
        }
        var e = Assert.Throws<ArgumentException>(() => OptionNames.Parse<SigmaGridKind>("karas"));
        Assert.Contains("karras", e.Message);
        Assert.Contains("trailing", e.Message);
    }

    [Fact]
    public void Trailing_discrete_grid_starts_at_the_schedules_largest_sigma()
    {   // Trailing spacing always includes the last training step T − 1 (Lin et al. 2024).
        var schedule = new DiscreteSchedule();
        var grid = new SigmaGridSpec { Kind = SigmaGridKind.Trailing, Steps = 10 }.Create(schedule);
        Assert.Equal(schedule.SigmaMax, grid[0], 12);
    }
}
