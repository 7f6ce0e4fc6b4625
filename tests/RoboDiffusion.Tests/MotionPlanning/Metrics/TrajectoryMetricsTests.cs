using RoboDiffusion.MotionPlanning.Metrics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Metrics;

public sealed class TrajectoryMetricsTests
{
    private static readonly TrajectorySpec Spec = TrajectorySpec.Default;

    [Fact]
    public void Straight_line_has_its_euclidean_length_and_zero_roughness()
    {
        var line = TrajectoryBuilder.StraightLine(new Point2(-0.6, -0.8), new Point2(0.6, 0.8), Spec);
        Assert.Equal(2.0, TrajectoryMetrics.PathLength(line), 12);
        Assert.Equal(0.0, TrajectoryMetrics.Smoothness(line), 12);
    }

    [Fact]
    public void A_path_trajectory_starts_and_ends_at_rest_so_its_roughness_counts_the_two_accelerations()
    {
        // A straight path of length 2 over H − 1 even intervals: cruise speed v = (2 / (H − 1)) / dt, at rest at both ends.
        var path = TrajectoryBuilder.FromPath([new(-0.6, -0.8), new(0.6, 0.8)], Spec);
        var v = 2.0 / (Spec.SupportPoints - 1) / Spec.Dt;
        Assert.Equal(default, path.Velocity(0));
        Assert.Equal(default, path.Velocity(Spec.SupportPoints - 1));
        Assert.Equal(v, Math.Sqrt(path.Velocity(1).X * path.Velocity(1).X + path.Velocity(1).Y * path.Velocity(1).Y), 12);
        Assert.Equal(2 * v, TrajectoryMetrics.Smoothness(path), 12);
        Assert.Equal(2.0, TrajectoryMetrics.PathLength(path), 12);
    }

    [Fact]
    public void Waypoint_variance_of_two_parallel_lines_is_offset_times_points()
    {
        var a = TrajectoryBuilder.StraightLine(new Point2(-0.5, 0.1), new Point2(0.5, 0.1), Spec);
        var b = TrajectoryBuilder.StraightLine(new Point2(-0.5, -0.2), new Point2(0.5, -0.2), Spec);
        Assert.Equal(0.3 * Spec.SupportPoints, TrajectoryMetrics.WaypointVariance([a, b]), 9);
    }

    [Fact]
    public void Set_metrics_count_free_trajectories_and_pick_the_shortest_free_one()
    {
        var world = new World("one", [new CircleObstacle(new Point2(0, 0), 0.2)]);
        var through = TrajectoryBuilder.StraightLine(new Point2(-0.8, 0), new Point2(0.8, 0), Spec);
        var around = TrajectoryBuilder.FromPath([new(-0.8, 0), new(-0.3, 0.5), new(0.3, 0.5), new(0.8, 0)], Spec);
        var wide = TrajectoryBuilder.FromPath([new(-0.8, 0), new(-0.3, 0.8), new(0.3, 0.8), new(0.8, 0)], Spec);
        var m = TrajectoryMetrics.Compute(world, [through, around, wide], TimeSpan.FromSeconds(1));
        Assert.True(m.Success);
        Assert.Equal(2 / 3.0, m.FractionFree, 12);
        Assert.Equal(1, m.BestIndex);
        Assert.True(m.CollisionIntensity > 0);
    }
}
