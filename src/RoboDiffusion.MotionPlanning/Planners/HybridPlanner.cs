using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// MPD's data source (mpd-public generate_data, HybridPlanner): RRT-Connect + shortcuts, resampled to H support points,
/// then smoothed by GPMP2 (500 iterations in MPD's data generation). Succeeds only when the smoothed trajectory is free.
/// </summary>
public sealed class HybridPlanner(RrtConnectOptions? rrt = null, Gpmp2Options? gpmp2 = null, TrajectorySpec? spec = null) : IMotionPlanner
{
    private readonly RrtConnectPlanner _rrt = new(rrt, spec);
    private readonly Gpmp2Optimizer _gpmp2 = new(gpmp2 ?? new Gpmp2Options { Iterations = 500 });

    public string Name => "hybrid";

    public PlanResult Plan(World world, Point2 start, Point2 goal, PlannerBudget budget, int seed)
    {
        var clock = Stopwatch.StartNew();
        var first = _rrt.Plan(world, start, goal, budget, seed);
        if (first.Trajectory is null || !first.Success) return first with { Time = clock.Elapsed };
        var remaining = budget.TimeLimit - clock.Elapsed;
        var (result, iterations, timedOut) = _gpmp2.Optimize(world, first.Trajectory, start, goal, remaining);
        return OptimizerResult.From("RRT-Connect → GPMP2", world, result, first.Iterations + iterations, timedOut, clock.Elapsed)
            with { Path = first.Path };
    }
}
