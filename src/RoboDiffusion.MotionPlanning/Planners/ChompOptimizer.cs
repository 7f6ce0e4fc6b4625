using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// CHOMP (Ratliff et al., ICRA 2009; Zucker et al., IJRR 2013): covariant gradient descent ξ ← ξ − η A⁻¹ ∇U on the inner
/// support positions, with A = KᵀK the finite-difference smoothness metric (eq. 11) and U = λ·F_smooth + F_obs. The
/// obstacle potential is the smoothed hinge c(d) of eq. 21, weighted by arc length and projected orthogonal to the
/// motion (eq. 19, curvature term omitted). Start and goal stay fixed; velocities are finite differences.
/// </summary>
public sealed class ChompOptimizer(ChompOptions? options = null)
{
    public ChompOptions Options { get; } = (options ?? new ChompOptions()).Validated();

    public (Trajectory Result, int Iterations, bool TimedOut) Optimize(World world, Trajectory initial, TimeSpan timeLimit)
    {
        var spec = initial.Spec;
        var n = spec.SupportPoints;
        var x = (double[])initial.States.Clone();
        var gradient = new double[x.Length];
        var points = CollisionInterpolation.For(spec);
        var update = new double[2 * (n - 2)];
        var clock = Stopwatch.StartNew();
        for (var iteration = 1; iteration <= Options.Iterations; iteration++)
        {
            if (clock.Elapsed > timeLimit) return (Finish(x, spec), iteration - 1, true);
            // 1. ∇U = λ ∇F_smooth + ∇F_obs on the positions
            Array.Clear(gradient);
            AddObstacleGradient(world, x, gradient, points);
            for (var axis = 0; axis < 2; axis++)
            {
                for (var i = 1; i < n - 1; i++)
                {   // ∂/∂p_i of ½ Σ ‖(p_{j+1} − p_j)/dt‖² is (2p_i − p_{i−1} − p_{i+1})/dt².
                    var p = x[4 * i + axis];
                    update[2 * (i - 1) + axis] = gradient[4 * i + axis]
                        + Options.WeightPrior * (2 * p - x[4 * (i - 1) + axis] - x[4 * (i + 1) + axis]) / (spec.Dt * spec.Dt);
                }
                SolveSmoothnessMetric(update, axis, n - 2);           // A⁻¹ ∇U
            }
            // 2. covariant step, clipped so no point moves more than GradClip
            var largest = 0.0;
            for (var i = 0; i < n - 2; i++) largest = Math.Max(largest, Math.Sqrt(update[2 * i] * update[2 * i] + update[2 * i + 1] * update[2 * i + 1]));
            var scale = Options.StepSize * largest > Options.GradClip ? Options.GradClip / largest : Options.StepSize;
            for (var i = 1; i < n - 1; i++)
                for (var axis = 0; axis < 2; axis++) x[4 * i + axis] -= scale * update[2 * (i - 1) + axis];
            if (scale * largest < 1e-9) return (Finish(x, spec), iteration, false);
        }
        return (Finish(x, spec), Options.Iterations, false);
    }

    /// <summary>
    /// Adds ∇ of Σ_k c(d(p_k))·‖Δp_k‖ on the interpolated points to the position gradient, keeping only the component
    /// orthogonal to the segment direction (so the obstacle term pushes the path sideways, not along itself).
    /// </summary>
    private void AddObstacleGradient(World world, double[] x, double[] gradient, CollisionInterpolation points)
    {
        var eps = Options.Epsilon;
        for (var k = 0; k < points.Count; k++)
        {
            var d = world.Clearance(points.Point(x, k), out var g) - world.RobotMargin;
            if (d > eps) continue;
            var slope = d < 0 ? -1.0 : (d - eps) / eps;            // c'(d) of Ratliff et al. eq. 21
            var (i, _) = points[k];
            var dir = new Point2(x[4 * i + 4] - x[4 * i], x[4 * i + 5] - x[4 * i + 1]);
            var length = dir.Length;
            var grad = slope * g;
            if (length > 1e-12)
            {
                var u = (1 / length) * dir;
                grad -= (grad.X * u.X + grad.Y * u.Y) * u;
            }
            points.Backward(gradient, k, Math.Max(length, 1e-3) * grad);
        }
    }

    /// <summary>Solves (KᵀK) y = u in place for one axis, KᵀK = tridiag(−1, 2, −1) of size m (Thomas algorithm).</summary>
    private static void SolveSmoothnessMetric(double[] u, int axis, int m)
    {
        Span<double> c = stackalloc double[m];
        c[0] = -0.5;
        u[axis] /= 2;
        for (var i = 1; i < m; i++)
        {
            var denominator = 2 + c[i - 1];
            c[i] = -1 / denominator;
            u[2 * i + axis] = (u[2 * i + axis] + u[2 * (i - 1) + axis]) / denominator;
        }
        for (var i = m - 2; i >= 0; i--) u[2 * i + axis] -= c[i] * u[2 * (i + 1) + axis];
    }

    private static Trajectory Finish(double[] x, TrajectorySpec spec)
    {
        TrajectoryBuilder.SetFiniteDifferenceVelocities(x, spec);
        return new Trajectory(x, spec);
    }
}
