namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>CHOMP parameters; defaults from MPD's point-mass values (torch_robotics env_dense_2d.py get_chomp_params).</summary>
public sealed record ChompOptions
{
    public int Iterations { get; init; } = 500;            // gradient steps
    public double WeightPrior { get; init; } = 1e-4;       // weight_prior_cost on the smoothness functional
    public double StepSize { get; init; } = 0.05;          // step_size η of the covariant update
    public double GradClip { get; init; } = 0.05;          // grad_clip: largest move of any support point per step
    public double Epsilon { get; init; } = 0.05;           // obstacle cost ε (distance beyond the margin where it starts)
    public double InitNoise { get; init; } = 0.05;         // amplitude of the seeded smooth perturbation of the initial line

    public ChompOptions Validated() =>
        Iterations > 0 && WeightPrior >= 0 && StepSize > 0 && GradClip > 0 && Epsilon > 0 && InitNoise >= 0
            ? this : throw new ArgumentException($"CHOMP options out of range: {this}.");
}
