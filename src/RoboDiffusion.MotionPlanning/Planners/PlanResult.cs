using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// The outcome of one planning query. <see cref="Success"/> means <see cref="Trajectory"/> is collision free; otherwise
/// <see cref="FailureReason"/> says why (time limit, iteration limit, optimiser ended in collision, …) and
/// <see cref="Trajectory"/> may hold the best attempt.
/// </summary>
public sealed record PlanResult(bool Success, Trajectory? Trajectory, TimeSpan Time, int Iterations, string? FailureReason)
{
    /// <summary>The geometric path found by a sampling planner, when there is one.</summary>
    public IReadOnlyList<Point2>? Path { get; init; }

    public static PlanResult Failed(string reason, TimeSpan time, int iterations, Trajectory? attempt = null) =>
        new(false, attempt, time, iterations, reason);
}
