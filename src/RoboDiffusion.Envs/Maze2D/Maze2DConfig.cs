namespace RoboDiffusion.Envs.Maze2D;

/// <summary>Options of <see cref="Maze2DEnv"/>; the defaults are D4RL's maze2d-*-v1 (sparse reward, fixed 'G' goal).</summary>
public sealed record Maze2DConfig
{
    public Maze2DMaze Maze { get; init; } = Maze2DMaze.UMaze;

    /// <summary>Diffuser's Multi2D: every reset also draws the goal, a random free cell plus U(−0.1, 0.1) noise.</summary>
    public bool MultiGoal { get; init; }

    /// <summary>Steps after which <c>Truncated</c> is set; null = D4RL's 300/600/800.</summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>Distance to the goal within which the sparse reward is 1 (D4RL: ≤ 0.5).</summary>
    public double GoalRadius { get; init; } = 0.5;

    public int EpisodeSteps => MaxEpisodeSteps ?? Maze2DLayouts.EpisodeSteps(Maze);

    public Maze2DConfig Validated()
    {
        if (!Enum.IsDefined(Maze)) throw new ArgumentException($"Unknown maze {Maze}. Valid names: {string.Join(", ", Maze2DLayouts.Names)}.");
        if (EpisodeSteps < 1) throw new ArgumentException($"MaxEpisodeSteps must be ≥ 1, got {EpisodeSteps}.");
        if (!(GoalRadius > 0)) throw new ArgumentException($"GoalRadius must be positive, got {GoalRadius}.");
        return this;
    }
}
