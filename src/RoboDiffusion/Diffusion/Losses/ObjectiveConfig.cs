using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>Everything that defines a training objective and its sampling denoiser; build with <see cref="DiffusionObjectives.Create"/>.</summary>
public sealed record ObjectiveConfig
{
    /// <summary>What the network predicts.</summary>
    public Parameterization Parameterization { get; init; } = Parameterization.Epsilon;

    /// <summary>The discrete VP schedule of ε/x₀/v networks with <see cref="NoiseInput.Timestep"/>.</summary>
    public DiscreteScheduleConfig Schedule { get; init; } = new();

    /// <summary>Noise-level input of ε/x₀/v networks (EDM always uses ln σ / 4, flows use t).</summary>
    public NoiseInput NoiseInput { get; init; } = NoiseInput.Timestep;

    /// <summary>Per-σ loss weight.</summary>
    public LossWeighting Weighting { get; init; } = LossWeighting.None;

    /// <summary>γ of Min-SNR-γ (Hang et al. 2023: 5).</summary>
    public double MinSnrGamma { get; init; } = 5.0;

    /// <summary>σ_data of EDM (Karras et al. 2022: 0.5).</summary>
    public double SigmaData { get; init; } = 0.5;

    /// <summary>Mean of ln σ during training for log-normal noise levels (EDM: −1.2).</summary>
    public double PMean { get; init; } = -1.2;

    /// <summary>Standard deviation of ln σ during training (EDM: 1.2).</summary>
    public double PStd { get; init; } = 1.2;

    /// <summary>How flow-matching training draws t.</summary>
    public FlowTimeDistribution FlowTime { get; init; } = FlowTimeDistribution.Uniform;

    /// <summary>Mean of logit(t) for logit-normal flow times (SD3: 0).</summary>
    public double LogitMean { get; init; }

    /// <summary>Standard deviation of logit(t) (SD3: 1).</summary>
    public double LogitStd { get; init; } = 1.0;

    /// <summary>Multiplier of flow time at the network input (1, or 1000 for timestep-style embeddings).</summary>
    public double FlowTimeScale { get; init; } = 1.0;

    /// <summary>Returns this config, or throws naming the first invalid field.</summary>
    public ObjectiveConfig Validated()
    {
        if (!Enum.IsDefined(Parameterization))
            throw new ArgumentOutOfRangeException(nameof(Parameterization), Parameterization, "Unknown parameterization.");
        if (!Enum.IsDefined(NoiseInput)) throw new ArgumentOutOfRangeException(nameof(NoiseInput), NoiseInput, "Unknown noise input.");
        if (!Enum.IsDefined(Weighting)) throw new ArgumentOutOfRangeException(nameof(Weighting), Weighting, "Unknown loss weighting.");
        if (!Enum.IsDefined(FlowTime)) throw new ArgumentOutOfRangeException(nameof(FlowTime), FlowTime, "Unknown flow time distribution.");
        Positive(MinSnrGamma, nameof(MinSnrGamma));
        Positive(SigmaData, nameof(SigmaData));
        Positive(PStd, nameof(PStd));
        Positive(LogitStd, nameof(LogitStd));
        Positive(FlowTimeScale, nameof(FlowTimeScale));
        if (!double.IsFinite(PMean)) throw new ArgumentOutOfRangeException(nameof(PMean), PMean, "P_mean must be finite.");
        if (!double.IsFinite(LogitMean)) throw new ArgumentOutOfRangeException(nameof(LogitMean), LogitMean, "The logit mean must be finite.");
        Schedule.Validated();
        return this;
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
    }
}
