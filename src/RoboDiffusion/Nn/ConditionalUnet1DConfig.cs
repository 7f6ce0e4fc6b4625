namespace RoboDiffusion.Nn;

/// <summary>
/// Size of the <see cref="ConditionalUnet1D"/> of Diffusion Policy (Chi et al., RSS 2023, §III-B, the CNN variant).
/// Defaults are the Push-T configs of real-stanford/diffusion_policy except <see cref="InputDim"/> and
/// <see cref="GlobalCondDim"/>, which depend on the task (Push-T state: 2 and 2·20 = 40).
/// </summary>
public sealed record ConditionalUnet1DConfig
{
    public int InputDim { get; init; } = 2;                   // Da: action width, the channels of the 1-D signal
    public int GlobalCondDim { get; init; }                   // flattened observation features per sample; 0 = none
    public int DiffusionStepEmbedDim { get; init; } = 256;    // dsed: sinusoidal step embedding width (even, ≥ 4)
    public IReadOnlyList<int> DownDims { get; init; } = [256, 512, 1024]; // channels per level; len − 1 halvings of T
    public int KernelSize { get; init; } = 5;                 // temporal conv kernel (odd, so padding k/2 keeps T)
    public int NGroups { get; init; } = 8;                    // GroupNorm groups; divides every DownDims entry
    public bool CondPredictScale { get; init; } = true;       // FiLM scale·x + bias (true) or bias only (false)

    /// <summary>The horizon T must be a multiple of this, 2^(levels − 1), so every skip connection lines up.</summary>
    public int HorizonMultiple => 1 << Math.Max(DownDims.Count - 1, 0);

    /// <summary>Width of the FiLM condition: step embedding plus global condition.</summary>
    public int CondDim => DiffusionStepEmbedDim + GlobalCondDim;

    /// <summary>Checks every field once; returns this.</summary>
    public ConditionalUnet1DConfig Validated()
    {
        Require(InputDim >= 1, $"InputDim must be ≥ 1, got {InputDim}.");
        Require(GlobalCondDim >= 0, $"GlobalCondDim must be ≥ 0, got {GlobalCondDim}.");
        Require(DiffusionStepEmbedDim >= 4 && DiffusionStepEmbedDim % 2 == 0,
            $"DiffusionStepEmbedDim must be even and ≥ 4, got {DiffusionStepEmbedDim}.");
        Require(DownDims.Count is >= 1 and <= 16, $"DownDims must list 1 to 16 levels, got {DownDims.Count}.");
        Require(KernelSize >= 1 && KernelSize % 2 == 1, $"KernelSize must be odd and ≥ 1 (padding k/2 keeps the length), got {KernelSize}.");
        Require(NGroups >= 1, $"NGroups must be ≥ 1, got {NGroups}.");
        foreach (var d in DownDims)
            Require(d >= 1 && d % NGroups == 0, $"Every DownDims entry must be a positive multiple of NGroups = {NGroups}, " +
                $"got [{string.Join(", ", DownDims)}].");
        return this;
    }

    /// <summary>Throws unless <paramref name="horizon"/> is a positive multiple of <see cref="HorizonMultiple"/>.</summary>
    public void ValidateHorizon(long horizon) =>
        Require(horizon >= 1 && horizon % HorizonMultiple == 0, $"Horizon {horizon} must be a positive multiple of " +
            $"{HorizonMultiple} (2^(levels − 1) for {DownDims.Count} DownDims levels).");

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
