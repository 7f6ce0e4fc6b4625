namespace RoboDiffusion.MotionPlanning.Datasets;

/// <summary>MPD's data generation settings for the 2-D worlds (mpd-public scripts/generate_data; launch: 500 × 20).</summary>
public sealed record ContextGeneratorOptions
{
    public int Contexts { get; init; } = 500;                  // random start/goal pairs
    public int PerContext { get; init; } = 20;                 // planner runs per pair; only free trajectories are kept
    public double MinDistance { get; init; } = 1.0;            // ‖start − goal‖ threshold of the 2-D envs
    public double CutoffMargin { get; init; } = 0.02;          // obstacle_cutoff_margin: start/goal clearance beyond the robot
    public int Seed { get; init; }                             // context c uses its own Random(Seed, c): order-free determinism
    public double TimeLimitSeconds { get; init; } = 10;        // per planner run
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public ContextGeneratorOptions Validated() =>
        Contexts > 0 && PerContext > 0 && MinDistance >= 0 && CutoffMargin >= 0 && TimeLimitSeconds > 0 && MaxDegreeOfParallelism > 0
            ? this : throw new ArgumentException($"Dataset generation options out of range: {this}.");
}
