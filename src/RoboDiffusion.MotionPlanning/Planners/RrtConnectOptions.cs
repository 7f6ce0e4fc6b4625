namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>RRT-Connect parameters; defaults are MPD's point-mass values (torch_robotics env_dense_2d.py get_rrt_connect_params).</summary>
public sealed record RrtConnectOptions
{
    public double StepSize { get; init; } = 0.01;          // collision-check resolution along each extension
    public double ConnectRadius { get; init; } = 0.3;      // n_radius: the longest single extension
    public int MaxIterations { get; init; } = 10_000;      // n_iters
    public int ShortcutIterations { get; init; } = 200;    // random shortcut attempts after a path is found (0 = none)

    public RrtConnectOptions Validated() => StepSize > 0 && ConnectRadius >= StepSize && MaxIterations > 0 && ShortcutIterations >= 0 ? this
        : throw new ArgumentException($"RRT-Connect needs 0 < step ≤ radius, iterations > 0 and shortcuts ≥ 0, got {this}.");
}
