using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>Turns an optimiser's output into a <see cref="PlanResult"/>: success only when collision free.</summary>
internal static class OptimizerResult
{
    public static PlanResult From(string method, World world, Trajectory result, int iterations, bool timedOut, TimeSpan time)
    {
        if (TrajectoryCollision.IsFree(world, result)) return new PlanResult(true, result, time, iterations, null);
        var reason = timedOut ? $"{method}: time limit reached after {iterations} iterations, trajectory still collides"
            : $"{method}: converged in collision after {iterations} iterations";
        return PlanResult.Failed(reason, time, iterations, result);
    }
}
