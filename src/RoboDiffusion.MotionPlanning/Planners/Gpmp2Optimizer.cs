using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Numerics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// GPMP2 trajectory optimisation (Mukadam et al., IJRR 2018, Sec. 4–5): damped Gauss-Newton on the factor graph of
/// start/goal state priors, constant-velocity GP prior factors between consecutive support states (eq. 10) and obstacle
/// hinge factors h = max(0, ε − sdf) (workspace walls included, <see cref="World.Clearance"/>) on the trajectory interpolated to the collision points (eqs. 16 and 34–36). The
/// normal equations are banded (each factor touches two neighbouring states), so each iteration costs O(H).
/// </summary>
public sealed class Gpmp2Optimizer(Gpmp2Options? options = null)
{
    private const int Band = 2 * Trajectory.StateDim - 1;   // x_i and x_{i+1} share one factor

    public Gpmp2Options Options { get; } = (options ?? new Gpmp2Options()).Validated();

    /// <summary>Optimises <paramref name="initial"/> (not modified); returns the result and the iterations run.</summary>
    public (Trajectory Result, int Iterations, bool TimedOut) Optimize(World world, Trajectory initial, Point2 start, Point2 goal, TimeSpan timeLimit)
    {
        var spec = initial.Spec;
        var x = (double[])initial.States.Clone();
        var n = x.Length;
        var a = new BandedSpdMatrix(n, Band);
        var factor = a.NewFactorBuffer();
        var b = new double[n];
        var points = CollisionInterpolation.For(spec);
        var clock = Stopwatch.StartNew();
        for (var iteration = 1; iteration <= Options.Iterations; iteration++)
        {
            if (clock.Elapsed > timeLimit) return (new Trajectory(x, spec), iteration - 1, true);
            // 1. linearise every factor: A = Σ Jᵀ Σ⁻¹ J, b = Σ Jᵀ Σ⁻¹ r
            a.Clear();
            Array.Clear(b);
            AddStatePrior(a, b, x, 0, start, Options.SigmaStart);
            AddStatePrior(a, b, x, spec.SupportPoints - 1, goal, Options.SigmaGoal);
            AddGpFactors(a, b, x, spec);
            AddCollisionFactors(a, b, x, world, points);
            // 2. Levenberg-Marquardt damping, then solve (A + λ diag A) δ = −b
            for (var i = 0; i < n; i++) a.Add(i, i, Options.Damping * a.Diagonal(i));
            for (var i = 0; i < n; i++) b[i] = -b[i];
            a.Solve(b, factor);
            // 3. take a fraction of the step
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                x[i] += Options.StepSize * b[i];
                largest = Math.Max(largest, Math.Abs(Options.StepSize * b[i]));
            }
            if (largest < Options.Tolerance) return (new Trajectory(x, spec), iteration, false);
        }
        return (new Trajectory(x, spec), Options.Iterations, false);
    }

    /// <summary>Prior x_i = [p, 0, 0] with covariance σ² I.</summary>
    private static void AddStatePrior(BandedSpdMatrix a, double[] b, double[] x, int i, Point2 p, double sigma)
    {
        var w = 1 / (sigma * sigma);
        var o = Trajectory.StateDim * i;
        ReadOnlySpan<double> target = [p.X, p.Y, 0, 0];
        for (var j = 0; j < Trajectory.StateDim; j++)
        {
            a.Add(o + j, o + j, w);
            b[o + j] += w * (x[o + j] - target[j]);
        }
    }

    /// <summary>GP factors e_i = Φ x_i − x_{i+1}, Σ = Q_i, separable per axis: J = [[1, dt, −1, 0], [0, 1, 0, −1]] over (p_i, v_i, p_{i+1}, v_{i+1}).</summary>
    private void AddGpFactors(BandedSpdMatrix a, double[] b, double[] x, TrajectorySpec spec)
    {
        var dt = spec.Dt;
        var s2 = Options.SigmaGp * Options.SigmaGp;
        var (qpp, qpv, qvv) = (12 / (s2 * dt * dt * dt), -6 / (s2 * dt * dt), 4 / (s2 * dt));   // Q⁻¹
        Span<double> jp = [1, dt, -1, 0];
        Span<double> jv = [0, 1, 0, -1];
        Span<int> idx = stackalloc int[4];
        for (var i = 0; i < spec.SupportPoints - 1; i++)
            for (var axis = 0; axis < 2; axis++)
            {
                var o = Trajectory.StateDim * i + axis;
                (idx[0], idx[1], idx[2], idx[3]) = (o, o + 2, o + 4, o + 6);
                var ep = x[o] + dt * x[o + 2] - x[o + 4];
                var ev = x[o + 2] - x[o + 6];
                var (wp, wv) = (qpp * ep + qpv * ev, qpv * ep + qvv * ev);
                for (var r = 0; r < 4; r++)
                {
                    b[idx[r]] += jp[r] * wp + jv[r] * wv;
                    for (var c = 0; c <= r; c++)
                        a.Add(idx[r], idx[c], jp[r] * (qpp * jp[c] + qpv * jv[c]) + jv[r] * (qpv * jp[c] + qvv * jv[c]));
                }
            }
    }

    /// <summary>Obstacle factors h_k = max(0, ε − sdf(p_k)) at each interpolated point; J = −∇sdfᵀ spread over two support positions.</summary>
    private void AddCollisionFactors(BandedSpdMatrix a, double[] b, double[] x, World world, CollisionInterpolation points)
    {
        var w = 1 / (Options.SigmaCollision * Options.SigmaCollision);
        Span<int> idx = stackalloc int[4];
        Span<double> j = stackalloc double[4];
        for (var k = 0; k < points.Count; k++)
        {
            var h = Options.Epsilon + world.RobotMargin - world.Clearance(points.Point(x, k), out var g);
            if (h <= 0) continue;
            var (i, t) = points[k];
            var o = Trajectory.StateDim * i;
            (idx[0], idx[1], idx[2], idx[3]) = (o, o + 1, o + 4, o + 5);
            (j[0], j[1], j[2], j[3]) = (-(1 - t) * g.X, -(1 - t) * g.Y, -t * g.X, -t * g.Y);
            for (var r = 0; r < 4; r++)
            {
                b[idx[r]] += w * j[r] * h;
                for (var c = 0; c <= r; c++) a.Add(idx[r], idx[c], w * j[r] * j[c]);
            }
        }
    }
}
