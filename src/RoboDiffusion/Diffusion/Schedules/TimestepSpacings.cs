namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// Inference timesteps, descending, as diffusers' DDIM/DDPM set_timesteps picks them for each
/// <see cref="TimestepSpacing"/> (numpy rounding: half to even).
/// </summary>
public static class TimestepSpacings
{
    /// <summary>The <paramref name="steps"/> timesteps among <paramref name="trainSteps"/>, highest first.</summary>
    /// <param name="trainSteps">T, the number of training timesteps.</param>
    /// <param name="steps">N, the number of inference steps, 1 ≤ N ≤ T.</param>
    /// <param name="spacing">The spacing rule.</param>
    /// <param name="stepsOffset">Added to leading timesteps only, as in diffusers.</param>
    public static int[] Timesteps(int trainSteps, int steps, TimestepSpacing spacing, int stepsOffset = 0)
    {
        if (trainSteps < 2) throw new ArgumentOutOfRangeException(nameof(trainSteps), trainSteps, "Need at least 2 training timesteps.");
        if (steps < 1 || steps > trainSteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"The number of inference steps must be in [1, {trainSteps}].");
        var t = spacing switch
        {
            TimestepSpacing.Leading => Leading(trainSteps, steps, stepsOffset),
            TimestepSpacing.Trailing => Trailing(trainSteps, steps),
            TimestepSpacing.Linspace => Linspace(trainSteps, steps),
            _ => throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "Unknown timestep spacing."),
        };
        if (t[0] > trainSteps - 1)
            throw new ArgumentException($"steps_offset {stepsOffset} pushes timestep {t[0]} past the last training step {trainSteps - 1}.");
        return t;
    }

    /// <summary>i·⌊T/N⌋ + offset for i = N−1 … 0.</summary>
    private static int[] Leading(int trainSteps, int steps, int stepsOffset)
    {
        if (stepsOffset < 0) throw new ArgumentOutOfRangeException(nameof(stepsOffset), stepsOffset, "steps_offset must be ≥ 0.");
        var ratio = trainSteps / steps;
        return [.. Enumerable.Range(0, steps).Reverse().Select(i => i * ratio + stepsOffset)];
    }

    /// <summary>round(T − i·T/N) − 1 for i = 0 … N−1 (numpy arange(T, 0, −T/N)).</summary>
    private static int[] Trailing(int trainSteps, int steps)
    {
        var ratio = (double)trainSteps / steps;
        return [.. Enumerable.Range(0, steps).Select(i => (int)Math.Round(trainSteps - i * ratio, MidpointRounding.ToEven) - 1)];
    }

    /// <summary>round(linspace(0, T − 1, N)) reversed.</summary>
    private static int[] Linspace(int trainSteps, int steps)
    {
        if (steps == 1) return [0];                           // numpy linspace(0, T−1, 1) = [0]
        var step = (trainSteps - 1.0) / (steps - 1);
        return [.. Enumerable.Range(0, steps).Reverse().Select(i => (int)Math.Round(i * step, MidpointRounding.ToEven))];
    }
}
