namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// How a sampling run picks its σ grid: a continuous grid between σ_min and σ_max (<see cref="SigmaGrids"/>), or the
/// training timesteps of a discrete schedule picked with a diffusers timestep spacing.
/// </summary>
public enum SigmaGridKind
{
    /// <summary>Karras et al. (2022), eq. 5, ρ = 7.</summary>
    Karras,
    /// <summary>Evenly spaced in log σ.</summary>
    Exponential,
    /// <summary>Polynomial in log σ (ρ = 1 is exponential).</summary>
    PolyExponential,
    /// <summary>The continuous VP SDE of Song et al. (2021); ignores σ_min/σ_max.</summary>
    VpContinuous,
    /// <summary>A discrete schedule's σ at diffusers' "leading" timesteps.</summary>
    Leading,
    /// <summary>A discrete schedule's σ at "trailing" timesteps.</summary>
    Trailing,
    /// <summary>A discrete schedule's σ at "linspace" timesteps.</summary>
    Linspace,
}

/// <summary>A σ-grid request: kind, steps and bounds. <see cref="Create"/> gives σ_0 &gt; … &gt; σ_{n−1} &gt; 0 = σ_n.</summary>
public sealed record SigmaGridSpec
{
    public SigmaGridKind Kind { get; init; } = SigmaGridKind.Karras;
    public int Steps { get; init; } = 32;
    public double SigmaMin { get; init; } = 0.002;   // EDM's defaults (Karras et al. 2022, Table 1)
    public double SigmaMax { get; init; } = 80;
    public double Rho { get; init; } = 7;            // Karras ρ; PolyExponential's ρ when that kind is chosen (then 1 is sensible)

    /// <summary>The grid; discrete kinds read σ from <paramref name="discrete"/> (default: diffusers' linear schedule).</summary>
    public double[] Create(DiscreteSchedule? discrete = null) => Kind switch
    {
        SigmaGridKind.Karras => SigmaGrids.Karras(Steps, SigmaMin, SigmaMax, Rho),
        SigmaGridKind.Exponential => SigmaGrids.Exponential(Steps, SigmaMin, SigmaMax),
        SigmaGridKind.PolyExponential => SigmaGrids.PolyExponential(Steps, SigmaMin, SigmaMax, Rho),
        SigmaGridKind.VpContinuous => SigmaGrids.VpContinuous(Steps),
        SigmaGridKind.Leading => Discrete(discrete, TimestepSpacing.Leading),
        SigmaGridKind.Trailing => Discrete(discrete, TimestepSpacing.Trailing),
        SigmaGridKind.Linspace => Discrete(discrete, TimestepSpacing.Linspace),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"Valid grids: {string.Join(", ", OptionNames.All<SigmaGridKind>())}."),
    };

    private double[] Discrete(DiscreteSchedule? schedule, TimestepSpacing spacing)
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "The number of steps must be at least 1.");
        return (schedule ?? new DiscreteSchedule()).SigmaGrid(Steps, spacing);
    }
}
