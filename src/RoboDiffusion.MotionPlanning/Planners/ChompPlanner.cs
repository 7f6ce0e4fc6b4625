using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>The CHOMP baseline: optimise a (seeded, slightly bent) straight line from start to goal.</summary>
public sealed class ChompPlanner(ChompOptions? options = null, TrajectorySpec? spec = null) : IMotionPlanner
{
    private readonly ChompOptimizer _optimizer = new(options);

    public string Name => "chomp";
    public TrajectorySpec Spec { get; } = (spec ?? TrajectorySpec.Default).Validated();

    public PlanResult Plan(World world, Point2 start, Point2 goal, PlannerBudget budget, int seed)
    {
        world.RequireFree(start, "start");
        world.RequireFree(goal, "goal");
        var clock = Stopwatch.StartNew();
        var initial = TrajectoryBuilder.PerturbedLine(start, goal, Spec, _optimizer.Options.InitNoise, new Random(seed));
        var (result, iterations, timedOut) = _optimizer.Optimize(world, initial, budget.TimeLimit);
        return OptimizerResult.From("CHOMP", world, result, iterations, timedOut, clock.Elapsed);
    }
}
