using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// A Motion Planning Diffusion prior (Carvalho et al., IROS 2023; jacarvalho/mpd-public): a diffusion model over whole
/// trajectories of H states [x, y, vx, vy], no actions, with the start and goal states inpainted (zero velocity at both
/// ends). Defaults are MPD's 2-D point-robot launch: H = 64, TemporalUnet(dim 32, dim_mults (1, 2, 4), time_emb_dim 32)
/// — <see cref="ConditionalUnet1D"/> with bias-only step conditioning — 25 steps of the exponential β schedule, ε-prediction.
/// <code>
///   time:   |0|1|2|3| … |H−1|
///   state:  |s|·|·|·| … | g |   s = (x₀, y₀, 0, 0), g = (x_g, y_g, 0, 0): inpainted in training and sampling
/// </code>
/// </summary>
public sealed record MpdConfig
{
    public string StateKey { get; init; } = "observation.state";        // (x, y, vx, vy) per support point
    public int StateDim { get; init; } = 4;                             // filled from the dataset
    public int Horizon { get; init; } = 64;                             // n_support_points
    public ConditionalUnet1DConfig Unet { get; init; } = new()
    {
        InputDim = 4, DownDims = [32, 64, 128], DiffusionStepEmbedDim = 32, CondPredictScale = false, GlobalCondDim = 0,
    };
    public ObjectiveConfig Objective { get; init; } = new()
    {
        Parameterization = Parameterization.Epsilon,
        Schedule = new DiscreteScheduleConfig { NumTrainTimesteps = 25, Schedule = BetaSchedule.Exponential, BetaStart = 1e-4, BetaEnd = 1.0 },
    };
    public bool ClipSample { get; init; } = true;            // clip x̂₀ to [−1, 1] (MPD clip_denoised)
    public int Samples { get; init; } = 50;                  // trajectories per query, sampled in one batch
    public PolicyInference? Inference { get; init; }         // default sampler; null = DDPM over every training step

    /// <summary>The sampler used when a call gives none: <see cref="Inference"/>, else DDPM with the training steps.</summary>
    public PolicyInference DefaultInference =>
        Inference ?? new PolicyInference { Sampler = SamplerKind.Ddpm, Steps = Objective.Schedule.NumTrainTimesteps };

    /// <summary>This config with the dataset's state width filled in and every field checked.</summary>
    public MpdConfig Resolved(int stateDim) => (this with { StateDim = stateDim, Unet = Unet with { InputDim = stateDim } }).Validated();

    /// <summary>Checks every field; returns this.</summary>
    public MpdConfig Validated()
    {
        Require(StateDim >= 2, $"StateDim must be ≥ 2 (positions first), got {StateDim}.");
        TrajectoryConditioning.ValidateNetwork(Unet, Horizon, StateDim, "StateDim", "MPD");
        Require(Objective.Parameterization == Parameterization.Epsilon,
            $"MPD's masked loss assumes ε-prediction (Parameterization.Epsilon), got {Objective.Parameterization}.");
        Objective.Validated();
        Require(Samples >= 1, $"Samples must be ≥ 1, got {Samples}.");
        Inference?.Validated();
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
