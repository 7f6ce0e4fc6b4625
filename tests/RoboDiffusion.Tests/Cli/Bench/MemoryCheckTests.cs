using RoboDiffusion.Cli.Bench;

namespace RoboDiffusion.Tests.Cli.Bench;

public sealed class MemoryCheckTests
{
    [Fact]
    public void Growth_is_measured_from_step_500_so_start_up_allocation_does_not_count()
    {
        var (from, growth) = MemoryCheck.Growth([(1, 100), (500, 200), (1000, 205), (1500, 209)]);
        Assert.Equal(500, from);
        Assert.Equal(0.045, growth, 12);   // (209 − 200) / 200
        Assert.True(MemoryCheck.IsFlat(growth));
    }

    [Fact]
    public void Six_percent_growth_is_not_flat() =>
        Assert.False(MemoryCheck.IsFlat(MemoryCheck.Growth([(1, 90), (500, 100), (5000, 106)]).Growth));

    [Fact]
    public void A_run_of_at_most_500_steps_is_measured_from_its_first_step()
    {
        Assert.Equal((1L, 0.03), MemoryCheck.Growth([(1, 100), (300, 103)]));
        Assert.Equal(1, MemoryCheck.Growth([(1, 100), (500, 101)]).FromStep);   // step 500 is the last sample here
    }

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]   // even count: mean of the middle two, as Python's statistics.median
    public void The_median_matches_pythons(double[] xs, double median) => Assert.Equal(median, BenchTiming.Median(xs));
}
