namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// GPMP2 parameters; defaults are MPD's point-mass values (torch_robotics env_dense_2d.py get_gpmp2_params): the sigmas
/// are factor standard deviations, so each factor's weight is 1/σ².
/// </summary>
public sealed record Gpmp2Options
{
    public int Iterations { get; init; } = 300;         // opt_iters (500 in MPD's data generation)
    public double SigmaStart { get; init; } = 1e-5;     // start-state prior [start, 0, 0]
    public double SigmaGoal { get; init; } = 1e-5;      // goal-state prior [goal, 0, 0]
    public double SigmaGp { get; init; } = 1e-2;        // Qc = σ_gp² I of the constant-velocity GP prior
    public double SigmaCollision { get; init; } = 1e-5; // obstacle hinge factors
    public double StepSize { get; init; } = 0.1;        // fraction of the Gauss-Newton step taken
    public double Damping { get; init; } = 1e-2;        // Levenberg-Marquardt λ on diag(A); our reading of the trust-region delta
    public double Epsilon { get; init; } = 0.03;        // hinge safety distance beyond the robot margin
    public double Tolerance { get; init; } = 1e-7;      // stop when the largest state change is below this

    public Gpmp2Options Validated() =>
        Iterations > 0 && SigmaStart > 0 && SigmaGoal > 0 && SigmaGp > 0 && SigmaCollision > 0 && StepSize is > 0 and <= 1 && Damping >= 0 && Epsilon >= 0
            ? this : throw new ArgumentException($"GPMP2 options out of range: {this}.");
}
