using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Nn.Vision;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>Which denoising network a Diffusion Policy uses (Chi et al., RSS 2023, §III-B).</summary>
public enum PolicyNetwork
{
    /// <summary>The 1-D temporal U-Net with FiLM conditioning (the paper's CNN-based variant, DP-C).</summary>
    Unet,
    /// <summary>The time-series transformer with cross-attention to the observations (DP-T).</summary>
    Transformer,
}

/// <summary>
/// A Diffusion Policy: which observations it sees, the three horizons, the network and the diffusion objective.
/// Defaults are the paper's Push-T state settings (To = 2, Tp = 16, Ta = 8; DDPM with 100 steps, squaredcos_cap_v2,
/// ε-prediction, x̂₀ clipped to [−1, 1]). The network fields that depend on the data (action width, condition width,
/// horizon) are filled in by <see cref="Resolved"/>; values given for them are overwritten.
/// <code>
///   time:     |0|1|2|3|4|5|6|7|8|9|…|15|
///   obs:      |o|o|                          To = 2 observations, the last one is "now"
///   actions:  |a|a|a|a|a|a|a|a|a|a|…|a |     Tp = 16 predicted
///   executed:   |x|x|x|x|x|x|x|x|            Ta = 8, from index To − 1
/// </code>
/// </summary>
public sealed record DiffusionPolicyConfig
{
    public IReadOnlyList<string> ObservationKeys { get; init; } = ["observation.keypoints", "observation.state"]; // low-dim features, concatenated
    public IReadOnlyList<int> ObservationDims { get; init; } = [];   // width of each key, filled from the dataset
    public string? ImageKey { get; init; }                           // an RGB feature seen through a ResNet-18 (image variant); null = none
    public string ActionKey { get; init; } = "action";
    public int ActionDim { get; init; } = 2;                         // Da, filled from the dataset
    public int ObsSteps { get; init; } = 2;                          // To
    public int Horizon { get; init; } = 16;                          // Tp
    public int ActionSteps { get; init; } = 8;                       // Ta, executed before re-planning
    public PolicyNetwork Network { get; init; } = PolicyNetwork.Unet;
    public ConditionalUnet1DConfig Unet { get; init; } = new();
    public TransformerForDiffusionConfig Transformer { get; init; } = new();
    public ImageEncoderConfig Image { get; init; } = new();          // the encoder of ImageKey; ImageSize is filled from the dataset
    public ObjectiveConfig Objective { get; init; } = new()
    {
        Parameterization = Parameterization.Epsilon,
        Schedule = new DiscreteScheduleConfig { NumTrainTimesteps = 100, Schedule = BetaSchedule.SquaredcosCapV2 },
    };
    public bool ClipSample { get; init; } = true;                    // clip x̂₀ to the normalized range [−1, 1] while sampling
    public PolicyInference Inference { get; init; } = new();         // default sampler of this policy

    /// <summary>Low-dim observation features per step.</summary>
    public int LowDimObsDim => ObservationDims.Sum();

    /// <summary>Features per observation step fed to the network: low-dim values plus the image encoder's output.</summary>
    public int ObsFeatureDim => LowDimObsDim + (ImageKey is null ? 0 : Image.FeatureDim);

    /// <summary>This config with the data-dependent fields set and every field checked.</summary>
    /// <param name="observationDims">Width of each of <see cref="ObservationKeys"/>.</param>
    /// <param name="actionDim">Width of <see cref="ActionKey"/>.</param>
    /// <param name="imageSize">Side of <see cref="ImageKey"/>'s square frames, when the policy sees images.</param>
    public DiffusionPolicyConfig Resolved(IReadOnlyList<int> observationDims, int actionDim, int? imageSize = null)
    {
        var c = this with { ObservationDims = [.. observationDims], ActionDim = actionDim };
        if (ImageKey is not null)
            c = c with { Image = c.Image with { ImageSize = imageSize ?? throw new ArgumentException($"The image key '{ImageKey}' needs its frame size.") } };
        var unet = c.Unet with { InputDim = actionDim, GlobalCondDim = c.ObsFeatureDim * c.ObsSteps };
        var transformer = c.Transformer with
        {
            InputDim = actionDim, OutputDim = actionDim, Horizon = c.Horizon, NObsSteps = c.ObsSteps, CondDim = c.ObsFeatureDim,
        };
        return (c with { Unet = unet, Transformer = transformer }).Validated();
    }

    /// <summary>Checks every field; returns this.</summary>
    public DiffusionPolicyConfig Validated()
    {
        Require(ObservationKeys.Count > 0 || ImageKey is not null, "A policy needs at least one observation key or an image key.");
        Require(ObservationDims.Count == ObservationKeys.Count,
            $"ObservationDims has {ObservationDims.Count} entries for {ObservationKeys.Count} observation keys.");
        Require(ObservationDims.All(d => d >= 1), "Every observation width must be ≥ 1.");
        Require(ActionDim >= 1, $"ActionDim must be ≥ 1, got {ActionDim}.");
        Require(ObsSteps >= 1, $"ObsSteps (To) must be ≥ 1, got {ObsSteps}.");
        Require(Horizon >= ObsSteps, $"Horizon (Tp = {Horizon}) must be at least ObsSteps (To = {ObsSteps}).");
        Require(ActionSteps >= 1 && ObsSteps - 1 + ActionSteps <= Horizon,
            $"ActionSteps (Ta = {ActionSteps}) must lie in [1, Tp − To + 1 = {Horizon - ObsSteps + 1}].");
        Require(Enum.IsDefined(Network), $"Unknown network {Network}.");
        if (Network == PolicyNetwork.Unet)
        {
            Unet.Validated();
            Unet.ValidateHorizon(Horizon);
        }
        else Transformer.Validated();
        if (ImageKey is not null) Image.Validated();
        Objective.Validated();
        Inference.Validated();
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
