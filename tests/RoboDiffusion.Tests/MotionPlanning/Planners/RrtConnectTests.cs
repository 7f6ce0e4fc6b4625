using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Planners;

public sealed class RrtConnectTests
{
    private static readonly PlannerBudget Budget = PlannerBudget.Seconds(5);

    [Fact]
    public void Free_straight_line_is_found_for_random_queries_in_dense2d()
    {
        var world = WorldRegistry.Load("dense2d");
        var random = new Random(11);
        var planner = new RrtConnectPlanner();
        var tested = 0;
        while (tested < 5)
        {
            var (s, g) = (new Point2(2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1), new Point2(2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1));
            if (!world.IsFree(s) || !world.IsFree(g) || !world.IsSegmentFree(s, g)) continue;
            var result = planner.Plan(world, s, g, Budget, seed: tested++);
            Assert.True(result.Success, result.FailureReason);
            Assert.Equal(s.DistanceTo(g), Metrics(result.Trajectory!), 6);   // the straight segment itself
        }
    }

    [Fact]
    public void Detours_around_a_single_obstacle_on_a_collision_free_path()
    {
        var world = new World("one", [new CircleObstacle(new Point2(0, 0.02), 0.3)]);
        var (s, g) = (new Point2(-0.8, 0), new Point2(0.8, 0));
        var result = new RrtConnectPlanner().Plan(world, s, g, Budget, seed: 1);
        Assert.True(result.Success, result.FailureReason);
        Assert.True(world.IsPathFree(result.Path!));
        Assert.True(TrajectoryCollision.IsFree(world, result.Trajectory!));
        Assert.True(Metrics(result.Trajectory!) > 1.6 + 0.05);                // longer than the blocked straight line
        Assert.Equal(s, result.Trajectory!.Position(0));
        Assert.Equal(g.X, result.Trajectory.Position(63).X, 12);
    }

    [Fact]
    public void Same_seed_gives_the_same_trajectory()
    {
        var world = WorldRegistry.Load("dense2d");
        var (s, g) = (new Point2(-0.9, -0.9), new Point2(0.9, 0.75));
        var a = new RrtConnectPlanner().Plan(world, s, g, Budget, seed: 5);
        var b = new RrtConnectPlanner().Plan(world, s, g, Budget, seed: 5);
        Assert.True(a.Success, a.FailureReason);
        Assert.Equal(a.Trajectory!.States, b.Trajectory!.States);
    }

    [Fact]
    public void Unreachable_goal_ends_with_a_time_limit_failure()
    {   // The goal sits in a closed square frame of four walls.
        var walls = new IObstacle[]
        {
            new BoxObstacle(new Point2(0.5, 0.8), new Point2(0.6, 0.1)), new BoxObstacle(new Point2(0.5, 0.2), new Point2(0.6, 0.1)),
            new BoxObstacle(new Point2(0.2, 0.5), new Point2(0.1, 0.7)), new BoxObstacle(new Point2(0.8, 0.5), new Point2(0.1, 0.7)),
        };
        var world = new World("boxed", walls);
        var planner = new RrtConnectPlanner(new RrtConnectOptions { MaxIterations = 1_000_000 });
        var result = planner.Plan(world, new Point2(-0.8, -0.8), new Point2(0.5, 0.5), PlannerBudget.Seconds(0.2), seed: 0);
        Assert.False(result.Success);
        Assert.Null(result.Trajectory);
        Assert.Contains("time limit", result.FailureReason);
        Assert.InRange(result.Time.TotalSeconds, 0.2, 2.0);
    }

    [Fact]
    public void Start_inside_an_obstacle_is_rejected_with_a_clear_error()
    {
        var world = new World("one", [new CircleObstacle(new Point2(0, 0), 0.3)]);
        var e = Assert.Throws<ArgumentException>(() => new RrtConnectPlanner().Plan(world, new Point2(0.1, 0), new Point2(0.8, 0), Budget, 0));
        Assert.Contains("start", e.Message);
        Assert.Contains("inside an obstacle", e.Message);
    }

    private static double Metrics(Trajectory t) => RoboDiffusion.MotionPlanning.Metrics.TrajectoryMetrics.PathLength(t);
}
