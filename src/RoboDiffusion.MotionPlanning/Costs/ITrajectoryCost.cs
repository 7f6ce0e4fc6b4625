namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>
/// A differentiable cost of one flat trajectory (states [H·4], see <see cref="Trajectories.Trajectory"/>). Costs are
/// stateless after construction, so one instance may evaluate many trajectories, from several threads.
/// </summary>
public interface ITrajectoryCost
{
    /// <summary>Returns the cost and <b>adds</b> its gradient w.r.t. every state to <paramref name="gradient"/> (skipped when empty).</summary>
    double Evaluate(ReadOnlySpan<double> states, Span<double> gradient);
}
