namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// A discrete VP noise schedule as diffusers configures its schedulers (DDPMScheduler/DDIMScheduler defaults).
/// </summary>
public sealed record DiscreteScheduleConfig
{
    /// <summary>T, the number of training timesteps.</summary>
    public int NumTrainTimesteps { get; init; } = 1000;

    /// <summary>β at t = 0 (Ho et al. 2020 use 1e-4).</summary>
    public double BetaStart { get; init; } = 1e-4;

    /// <summary>β at t = T − 1 (Ho et al. 2020 use 0.02).</summary>
    public double BetaEnd { get; init; } = 0.02;

    /// <summary>How β varies between the two ends.</summary>
    public BetaSchedule Schedule { get; init; } = BetaSchedule.Linear;

    /// <summary>How inference timesteps are spaced (diffusers DDIM default: leading).</summary>
    public TimestepSpacing Spacing { get; init; } = TimestepSpacing.Leading;

    /// <summary>Added to leading timesteps (Stable Diffusion uses 1 so the last step is t = 1).</summary>
    public int StepsOffset { get; init; }

    /// <summary>Returns this config, or throws naming the first invalid field.</summary>
    public DiscreteScheduleConfig Validated()
    {
        if (NumTrainTimesteps < 2)
            throw new ArgumentOutOfRangeException(nameof(NumTrainTimesteps), NumTrainTimesteps, "Need at least 2 training timesteps.");
        if (!(BetaStart > 0 && BetaStart < 1))
            throw new ArgumentOutOfRangeException(nameof(BetaStart), BetaStart, "β_start must be in (0, 1).");
        if (!(BetaEnd > 0 && (BetaEnd < 1 || (BetaEnd == 1 && Schedule == BetaSchedule.Exponential))))
            throw new ArgumentOutOfRangeException(nameof(BetaEnd), BetaEnd, "β_end must be in (0, 1) (exponential: (0, 1], capped at 0.999).");
        if (BetaStart > BetaEnd)
            throw new ArgumentException($"β_start ({BetaStart}) must not exceed β_end ({BetaEnd}).");
        if (StepsOffset < 0 || StepsOffset >= NumTrainTimesteps)
            throw new ArgumentOutOfRangeException(nameof(StepsOffset), StepsOffset, "steps_offset must be in [0, T).");
        if (!Enum.IsDefined(Schedule)) throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Unknown β schedule.");
        if (!Enum.IsDefined(Spacing)) throw new ArgumentOutOfRangeException(nameof(Spacing), Spacing, "Unknown timestep spacing.");
        return this;
    }
}
