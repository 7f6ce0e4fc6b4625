using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>The "RRT-Connect + smoothing" baseline: RRT-Connect, random shortcuts, then the path resampled to a trajectory.</summary>
public sealed class RrtConnectPlanner(RrtConnectOptions? options = null, TrajectorySpec? spec = null) : IMotionPlanner
{
    private readonly RrtConnect _rrt = new(options);

    public string Name => "rrtconnect";
    public TrajectorySpec Spec { get; } = (spec ?? TrajectorySpec.Default).Validated();

    public PlanResult Plan(World world, Point2 start, Point2 goal, PlannerBudget budget, int seed)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var (path, iterations, failure) = _rrt.Search(world, start, goal, budget.TimeLimit, random);
        if (path is null) return PlanResult.Failed($"RRT-Connect: {failure}", clock.Elapsed, iterations);
        var shortened = PathShortcutter.Shortcut(world, path, _rrt.Options.ShortcutIterations, random);
        var trajectory = TrajectoryBuilder.FromPath(shortened, Spec);
        var free = TrajectoryCollision.IsFree(world, trajectory);
        return new PlanResult(free, trajectory, clock.Elapsed, iterations, free ? null : "RRT-Connect: resampled trajectory collides")
            { Path = shortened };
    }
}
