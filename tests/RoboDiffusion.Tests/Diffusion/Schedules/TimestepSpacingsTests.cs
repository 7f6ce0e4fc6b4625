using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Diffusion.Schedules;

public sealed class TimestepSpacingsTests
{
    [Fact]
    public void Ten_steps_of_a_thousand_match_diffusers_for_every_spacing()
    {   // diffusers DDIMScheduler.set_timesteps(10) with 1000 training steps.
        Assert.Equal([900, 800, 700, 600, 500, 400, 300, 200, 100, 0], TimestepSpacings.Timesteps(1000, 10, TimestepSpacing.Leading));
        Assert.Equal([901, 801, 701, 601, 501, 401, 301, 201, 101, 1], TimestepSpacings.Timesteps(1000, 10, TimestepSpacing.Leading, 1));
        Assert.Equal([999, 899, 799, 699, 599, 499, 399, 299, 199, 99], TimestepSpacings.Timesteps(1000, 10, TimestepSpacing.Trailing));
        Assert.Equal([999, 888, 777, 666, 555, 444, 333, 222, 111, 0], TimestepSpacings.Timesteps(1000, 10, TimestepSpacing.Linspace));
    }

    [Fact]
    public void Uneven_step_counts_round_as_numpy_does()
    {   // leading: 1000 // 3 = 333; trailing: round([1000, 666.67, 333.33]) − 1; linspace: 499.5 rounds half to even → 500.
        Assert.Equal([666, 333, 0], TimestepSpacings.Timesteps(1000, 3, TimestepSpacing.Leading));
        Assert.Equal([999, 666, 332], TimestepSpacings.Timesteps(1000, 3, TimestepSpacing.Trailing));
        Assert.Equal([999, 500, 0], TimestepSpacings.Timesteps(1000, 3, TimestepSpacing.Linspace));
        Assert.Equal([0], TimestepSpacings.Timesteps(1000, 1, TimestepSpacing.Linspace));
    }

    [Fact]
    public void Sigma_grid_descends_through_the_schedule_sigmas_and_ends_at_zero()
    {
        var s = new DiscreteSchedule(new DiscreteScheduleConfig { Spacing = TimestepSpacing.Trailing });
        var grid = s.SigmaGrid(10);
        Assert.Equal(11, grid.Length);
        Assert.Equal(s.SigmaMax, grid[0]);
        Assert.Equal(s.Sigmas[99], grid[9]);
        Assert.Equal(0.0, grid[10]);
        for (var i = 1; i < grid.Length; i++) Assert.True(grid[i] < grid[i - 1]);
    }

    [Fact]
    public void Impossible_step_counts_and_offsets_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimestepSpacings.Timesteps(1000, 0, TimestepSpacing.Leading));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimestepSpacings.Timesteps(1000, 1001, TimestepSpacing.Trailing));
        var e = Assert.Throws<ArgumentException>(() => TimestepSpacings.Timesteps(1000, 10, TimestepSpacing.Leading, 100));
        Assert.Contains("steps_offset", e.Message);
    }
}
