using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>
/// Obstacle cost on the trajectory interpolated to the spec's collision points (MPD CostCollision, GPMP2's obstacle
/// factor, Mukadam et al. 2018 eq. 16): with the hinge h(p) = max(0, ε − sdf(p)),
/// C = weight · Σ_k h(p_k) (linear) or weight · ½ Σ_k h(p_k)² (<see cref="Squared"/>).
/// </summary>
public sealed class CollisionCost(World world, TrajectorySpec spec, double epsilon = 0.03, double weight = 1.0) : ITrajectoryCost
{
    private readonly CollisionInterpolation _points = CollisionInterpolation.For(spec);

    /// <summary>Safety distance ε of the hinge (beyond the obstacle surface).</summary>
    public double Epsilon { get; } = epsilon;
    public double Weight { get; } = weight;

    /// <summary>Squared hinge (smooth, the Gauss-Newton form) instead of the linear one.</summary>
    public bool Squared { get; init; }

    public double Evaluate(ReadOnlySpan<double> states, Span<double> gradient)
    {
        var total = 0.0;
        for (var k = 0; k < _points.Count; k++)
        {
            var p = _points.Point(states, k);
            var h = Epsilon - world.SignedDistanceBelow(p, Epsilon, out var g);   // h > 0 needs sdf < ε only
            if (h <= 0) continue;
            total += Squared ? 0.5 * h * h : h;
            if (!gradient.IsEmpty) _points.Backward(gradient, k, -(Weight * (Squared ? h : 1.0)) * g);   // dh/dp = −∇sdf
        }
        return Weight * total;
    }
}
