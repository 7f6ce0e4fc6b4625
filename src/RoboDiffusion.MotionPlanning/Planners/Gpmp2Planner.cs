using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>The GPMP2 baseline: optimise a (seeded, slightly bent) straight line from start to goal.</summary>
public sealed class Gpmp2Planner(Gpmp2Options? options = null, TrajectorySpec? spec = null, double initNoise = 0.05) : IMotionPlanner
{
    private readonly Gpmp2Optimizer _optimizer = new(options);

    public string Name => "gpmp2";
    public TrajectorySpec Spec { get; } = (spec ?? TrajectorySpec.Default).Validated();

    public PlanResult Plan(World world, Point2 start, Point2 goal, PlannerBudget budget, int seed)
    {
        world.RequireFree(start, "start");
        world.RequireFree(goal, "goal");
        var clock = Stopwatch.StartNew();
        var initial = TrajectoryBuilder.PerturbedLine(start, goal, Spec, initNoise, new Random(seed));
        var (result, iterations, timedOut) = _optimizer.Optimize(world, initial, start, goal, budget.TimeLimit);
        return OptimizerResult.From("GPMP2", world, result, iterations, timedOut, clock.Elapsed);
    }
}
