namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>ODE solvers of <see cref="FlowOde"/>.</summary>
public enum FlowSolver
{
    /// <summary>Explicit Euler: first order, one velocity evaluation per step.</summary>
    Euler,

    /// <summary>Heun's method (explicit trapezoid): second order, two evaluations per step.</summary>
    Heun,
}
