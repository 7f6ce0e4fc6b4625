using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>Quadratic goal cost on the last support point: C = weight · ½ ‖p_{H−1} − goal‖² (+ ½ ‖v_{H−1}‖² when <see cref="StopAtGoal"/>).</summary>
public sealed class GoalCost(Point2 goal, double weight = 1.0) : ITrajectoryCost
{
    public Point2 Goal { get; } = goal;
    public double Weight { get; } = weight;

    /// <summary>Also penalise the final velocity (the goal is a state at rest).</summary>
    public bool StopAtGoal { get; init; }

    public double Evaluate(ReadOnlySpan<double> states, Span<double> gradient)
    {
        var a = states.Length - Trajectory.StateDim;
        Span<double> e = [states[a] - Goal.X, states[a + 1] - Goal.Y, StopAtGoal ? states[a + 2] : 0, StopAtGoal ? states[a + 3] : 0];
        var total = 0.0;
        for (var j = 0; j < e.Length; j++)
        {
            total += 0.5 * e[j] * e[j];
            if (!gradient.IsEmpty) gradient[a + j] += Weight * e[j];
        }
        return Weight * total;
    }
}
