using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Policies.DiffusionPolicy;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// A Diffuser planner (Janner et al., ICML 2022): a diffusion model over whole trajectories of H transitions
/// [a_t, s_t] (actions first, Diffuser's order), goal-conditioned by inpainting the first and last observations.
/// Defaults are jannerm/diffuser config/maze2d.py for U-Maze: H = 128, 64 diffusion steps, x₀-prediction
/// (predict_epsilon False), cosine schedule (= squaredcos_cap_v2), x̂₀ clipped to [−1, 1], TemporalUnet(dim 32,
/// dim_mults (1, 4, 8)) — which is <see cref="ConditionalUnet1D"/> with bias-only step conditioning and no global condition.
/// <code>
///   time:   |0|1|2|3| … |H−1|
///   obs:    |s|·|·|·| … | g |   s = start (all of it), g = goal (x, y, 0, 0): inpainted during training and sampling
///   action: |·|·|·|·| … | · |   everything else is denoised
/// </code>
/// </summary>
public sealed record DiffuserConfig
{
    public string ObservationKey { get; init; } = "observation.state";   // (x, y, vx, vy) in Maze2D
    public string ActionKey { get; init; } = "action";
    public int ObservationDim { get; init; } = 4;                         // filled from the dataset
    public int ActionDim { get; init; } = 2;                              // filled from the dataset
    public int Horizon { get; init; } = 128;                              // H: 128 U-Maze, 256 Medium, 384 Large
    public ConditionalUnet1DConfig Unet { get; init; } = new()
    {
        InputDim = 6, DownDims = [32, 128, 256], DiffusionStepEmbedDim = 32, CondPredictScale = false, GlobalCondDim = 0,
    };
    public ObjectiveConfig Objective { get; init; } = new()
    {
        Parameterization = Parameterization.Sample,
        Schedule = new DiscreteScheduleConfig { NumTrainTimesteps = 64, Schedule = BetaSchedule.SquaredcosCapV2 },
    };
    public bool ClipSample { get; init; } = true;            // clip x̂₀ to [−1, 1] (clip_denoised True)
    public bool ZeroGoalVelocity { get; init; } = true;      // plan_maze2d.py conditions on the goal as [x, y, 0, 0]
    public double Discount { get; init; } = 0.99;            // γ of the value targets (ValueDataset)
    public PolicyInference? Inference { get; init; }         // default sampler; null = DDPM over every training step

    /// <summary>Channels of one transition [a, s].</summary>
    public int TransitionDim => ActionDim + ObservationDim;

    /// <summary>The sampler used when a call gives none: <see cref="Inference"/>, else DDPM with the training steps.</summary>
    public PolicyInference DefaultInference =>
        Inference ?? new PolicyInference { Sampler = SamplerKind.Ddpm, Steps = Objective.Schedule.NumTrainTimesteps };

    /// <summary>This config with the dataset's widths filled in and every field checked.</summary>
    public DiffuserConfig Resolved(int observationDim, int actionDim) =>
        (this with { ObservationDim = observationDim, ActionDim = actionDim, Unet = Unet with { InputDim = actionDim + observationDim } })
        .Validated();

    /// <summary>Checks every field; returns this.</summary>
    public DiffuserConfig Validated()
    {
        Require(ObservationDim >= 1, $"ObservationDim must be ≥ 1, got {ObservationDim}.");
        Require(ActionDim >= 1, $"ActionDim must be ≥ 1, got {ActionDim}.");
        Require(ObservationDim >= 2 || !ZeroGoalVelocity, "ZeroGoalVelocity needs observations (x, y, velocities…).");
        TrajectoryConditioning.ValidateNetwork(Unet, Horizon, TransitionDim, "ActionDim + ObservationDim", "Diffuser");
        Require(Objective.Parameterization == Parameterization.Sample,
            $"Diffuser's inpainted loss assumes x₀-prediction (Parameterization.Sample), got {Objective.Parameterization}.");
        Objective.Validated();
        Require(Discount is > 0 and <= 1, $"Discount must be in (0, 1], got {Discount}.");
        Inference?.Validated();
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
