using RoboDiffusion.MotionPlanning.Metrics;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Planners;

public sealed class TrajectoryOptimizerTests
{
    // One disc just off the line y = 0, so the straight initialisation collides and the SDF gradient has a side to push to.
    private static readonly World OneDisc = new("one", [new CircleObstacle(new Point2(0.02, 0.03), 0.25)]);
    private static readonly (Point2 Start, Point2 Goal) Query = (new Point2(-0.8, 0), new Point2(0.8, 0));
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static Trajectory Line() => TrajectoryBuilder.StraightLine(Query.Start, Query.Goal, TrajectorySpec.Default);

    [Fact]
    public void Gpmp2_turns_a_straight_line_through_a_disc_into_a_free_trajectory_at_rest_at_both_ends()
    {
        Assert.False(TrajectoryCollision.IsFree(OneDisc, Line()));
        var (result, _, timedOut) = new Gpmp2Optimizer().Optimize(OneDisc, Line(), Query.Start, Query.Goal, Budget);
        Assert.False(timedOut);
        Assert.True(TrajectoryCollision.IsFree(OneDisc, result));
        Assert.True(result.Position(0).DistanceTo(Query.Start) < 1e-3);
        Assert.True(result.Position(63).DistanceTo(Query.Goal) < 1e-3);
        Assert.True(result.Velocity(0).Length < 1e-2 && result.Velocity(63).Length < 1e-2);
    }

    [Fact]
    public void Chomp_turns_a_straight_line_through_a_disc_into_a_free_trajectory_with_fixed_ends()
    {
        var (result, _, _) = new ChompOptimizer().Optimize(OneDisc, Line(), Budget);
        Assert.True(TrajectoryCollision.IsFree(OneDisc, result));
        Assert.Equal(Query.Start, result.Position(0));
        Assert.Equal(Query.Goal, result.Position(63));
        Assert.True(TrajectoryMetrics.PathLength(result) < 2.5);      // a detour, not a wander
    }

    [Fact]
    public void Hybrid_planner_gives_a_free_trajectory_with_a_lower_gp_prior_cost_than_its_rrt_start()
    {
        var world = WorldRegistry.Load("dense2d");
        var (s, g) = (new Point2(-0.9, -0.9), new Point2(0.9, 0.75));
        var rrt = new RrtConnectPlanner().Plan(world, s, g, PlannerBudget.Seconds(10), seed: 3);
        var hybrid = new HybridPlanner().Plan(world, s, g, PlannerBudget.Seconds(10), seed: 3);
        Assert.True(hybrid.Success, hybrid.FailureReason);
        var prior = new RoboDiffusion.MotionPlanning.Costs.GpPriorCost(TrajectorySpec.Default);     // what GPMP2 smooths
        Assert.True(prior.Evaluate(hybrid.Trajectory!.States, []) < prior.Evaluate(rrt.Trajectory!.States, []));
    }

    [Fact]
    public void Optimizers_with_no_time_report_a_time_limit_failure()
    {
        var result = new Gpmp2Planner().Plan(OneDisc, Query.Start, Query.Goal, new PlannerBudget { TimeLimit = TimeSpan.Zero }, seed: 0);
        Assert.False(result.Success);
        Assert.Contains("time limit", result.FailureReason);
        var chomp = new ChompPlanner().Plan(OneDisc, Query.Start, Query.Goal, new PlannerBudget { TimeLimit = TimeSpan.Zero }, seed: 0);
        Assert.Contains("time limit", chomp.FailureReason);
    }

    [Theory]
    [InlineData("gpmp2")]
    [InlineData("chomp")]
    [InlineData("hybrid")]
    public void Same_seed_gives_the_same_plan(string name)
    {
        var world = WorldRegistry.Load("simple2d");
        var (s, g) = (new Point2(-0.8, -0.8), new Point2(0.8, 0.3));
        var a = MotionPlanners.Create(name).Plan(world, s, g, PlannerBudget.Seconds(10), seed: 9);
        var b = MotionPlanners.Create(name).Plan(world, s, g, PlannerBudget.Seconds(10), seed: 9);
        Assert.Equal(a.Trajectory!.States, b.Trajectory!.States);
    }
}
