namespace RoboDiffusion.Envs.PushT;

/// <summary>Which observation <see cref="PushTObservation.Vector"/> holds (pusht_env, pusht_keypoints_env, pusht_image_env).</summary>
public enum PushTObservationType
{
    /// <summary>[agent x, agent y, block x, block y, block angle mod 2π] (5).</summary>
    State,
    /// <summary>9 block keypoints in world coordinates then the agent position (20).</summary>
    Keypoints,
    /// <summary>An RGB 96×96 image (rendered every step) plus the agent position.</summary>
    Image,
}

/// <summary>Options of <see cref="PushTEnv"/>; the defaults are the evaluation protocol of Diffusion Policy.</summary>
public sealed record PushTConfig
{
    public PushTObservationType ObservationType { get; init; } = PushTObservationType.State;

    /// <summary>Steps after which <c>Truncated</c> is set (eval <c>max_steps: 300</c>).</summary>
    public int MaxEpisodeSteps { get; init; } = 300;

    /// <summary>Side of the image observation (render_size 96).</summary>
    public int ImageSize { get; init; } = 96;

    /// <summary>
    /// <c>legacy=True</c> of the original: set the block position before its angle in <c>_set_state</c>. Off by default;
    /// the original's test runner sets it, so turn it on to reproduce its test-seed initial states.
    /// </summary>
    public bool LegacyStateOrder { get; init; }

    /// <summary>Coverage above which the task counts as solved (success_threshold).</summary>
    public double SuccessThreshold { get; init; } = 0.95;

    public PushTConfig Validated()
    {
        if (MaxEpisodeSteps < 1) throw new ArgumentException($"MaxEpisodeSteps must be ≥ 1, got {MaxEpisodeSteps}.");
        if (ImageSize is < 1 or > 512) throw new ArgumentException($"ImageSize must be in [1, 512], got {ImageSize}.");
        if (SuccessThreshold is <= 0 or > 1) throw new ArgumentException($"SuccessThreshold must be in (0, 1], got {SuccessThreshold}.");
        return this;
    }
}
