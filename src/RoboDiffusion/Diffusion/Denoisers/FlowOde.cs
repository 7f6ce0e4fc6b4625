using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// Integrates the flow-matching ODE dx/dt = v(x, t) from t = 1 (x₁ = ε) to t = 0 on a time grid (rectified flow,
/// Liu et al. 2023; t = 1 is noise as in Esser et al. 2024 and π0, the reverse of Lipman et al. 2023).
/// Euler in t is Euler in σ-space on the rescaled variable x_t·(1 + σ), σ = t/(1 − t).
/// </summary>
public static class FlowOde
{
    /// <summary>Draws x₁ ~ N(0, I) of <paramref name="shape"/> from <paramref name="generator"/> and integrates it to t = 0.</summary>
    public static Tensor Sample(VelocityField velocity, long[] shape, Generator generator, double[] times,
        FlowSolver solver = FlowSolver.Euler, ScalarType dtype = ScalarType.Float32, Action<FlowStep>? onStep = null)
    {
        var x1 = randn(shape, dtype: dtype, generator: generator);       // x₁ = ε
        return Solve(solver, velocity, x1, times, onStep);
    }

    /// <summary>Integrates with the chosen solver.</summary>
    public static Tensor Solve(FlowSolver solver, VelocityField velocity, Tensor x, double[] times, Action<FlowStep>? onStep = null) =>
        solver switch
        {
            FlowSolver.Euler => Euler(velocity, x, times, onStep),
            FlowSolver.Heun => Heun(velocity, x, times, onStep),
            _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "Unknown flow solver."),
        };

    /// <summary>Explicit Euler: x ← x + (t_{i+1} − t_i)·v(x, t_i).</summary>
    public static Tensor Euler(VelocityField velocity, Tensor x, double[] times, Action<FlowStep>? onStep = null)
    {
        CheckTimes(times);
        for (var i = 0; i < times.Length - 1; i++)
        {
            using var scope = NewDisposeScope();
            var v = velocity(x, TimeLike(x, times[i]));                  // [B, …]
            onStep?.Invoke(new(i, times[i], times[i + 1], x, v));
            x = (x + (times[i + 1] - times[i]) * v).MoveToOuterDisposeScope();
        }
        return x;
    }

    /// <summary>Heun: an Euler predictor, then the average of the velocities at both ends (second order).</summary>
    public static Tensor Heun(VelocityField velocity, Tensor x, double[] times, Action<FlowStep>? onStep = null)
    {
        CheckTimes(times);
        for (var i = 0; i < times.Length - 1; i++)
        {
            using var scope = NewDisposeScope();
            var h = times[i + 1] - times[i];
            var v = velocity(x, TimeLike(x, times[i]));                  // 1. slope at t_i
            onStep?.Invoke(new(i, times[i], times[i + 1], x, v));
            var xEuler = x + h * v;                                      // 2. predictor
            var vNext = velocity(xEuler, TimeLike(x, times[i + 1]));     // 3. slope at t_{i+1}
            x = (x + h / 2 * (v + vNext)).MoveToOuterDisposeScope();     // 4. trapezoid corrector
        }
        return x;
    }

    private static Tensor TimeLike(Tensor x, double t) => DenoiserExtensions.SigmaLike(x, t);

    private static void CheckTimes(double[] times)
    {
        if (times.Length < 2) throw new ArgumentException("The time grid needs at least 2 points.", nameof(times));
        for (var i = 0; i < times.Length; i++)
        {
            if (!(times[i] >= 0 && times[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(times), times[i], $"Flow time {i} must lie in [0, 1].");
            if (i > 0 && !(times[i] < times[i - 1]))
                throw new ArgumentException($"The time grid must decrease strictly; t[{i}] = {times[i]} follows {times[i - 1]}.", nameof(times));
        }
    }
}
