using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Planners.Diffuser;

namespace RoboDiffusion.Tests.Planners.Diffuser;

public sealed class WaypointTrackerTests
{
    [Fact]
    public void Action_is_position_error_plus_velocity_error_clipped()
    {   // w_1 = (1.2, 0.9, 0.3, −0.1), s = (1, 1, 0, 0): a = (0.2 + 0.3, −0.1 − 0.1) = (0.5, −0.2); a far target clips to ±1.
        var tracker = new WaypointTracker([[1, 1, 0, 0], [1.2, 0.9, 0.3, -0.1], [5, -5, 0, 0]]);
        var a = tracker.Act(0, [1, 1, 0, 0]);
        Assert.Equal(0.5, a[0], 12);
        Assert.Equal(-0.2, a[1], 12);
        Assert.Equal([1.0, -1.0], tracker.Act(1, [1, 1, 0, 0]));
        Assert.Equal([5.0, -5.0, 0.0, 0.0], tracker.Target(10));       // after the plan: the last waypoint at rest
    }

    [Fact]
    public void Tracking_a_straight_plan_drives_the_ball_along_it()
    {   // U-Maze bottom corridor: x = 3, y from 1 to 3 at constant speed over 200 steps of 0.01 s (1 unit/s).
        const int h = 200;
        var plan = Enumerable.Range(0, h).Select(t => new[] { 3.0, 1.0 + 2.0 * t / (h - 1), 0.0, 2.0 / (h - 1) / 0.01 }).ToList();
        plan[0][3] = 0;
        var tracker = new WaypointTracker(plan);
        using var env = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DMaze.UMaze });
        var obs = env.SetState([3.0, 1.0], [0.0, 0.0]);
        var maxOff = 0.0;
        for (var t = 0; t < h + 100; t++)
        {
            obs = env.Step(tracker.Act(t, obs)).Observation;
            maxOff = Math.Max(maxOff, Math.Abs(obs[0] - 3.0));
            if (t == h / 2) Assert.InRange(obs[1], 1.6, 2.4);             // halfway along the plan by mid-plan
        }
        Assert.InRange(maxOff, 0, 0.05);
        Assert.InRange(Math.Abs(obs[1] - 3.0), 0, 0.1);                    // holds the last waypoint
    }

    [Fact]
    public void Bad_waypoints_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new WaypointTracker([]));
        var e = Assert.Throws<ArgumentException>(() => new WaypointTracker([[1, 2, double.NaN, 0]]));
        Assert.Contains("finite", e.Message);
    }
}
