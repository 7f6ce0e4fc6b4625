namespace RoboDiffusion.Nn;

/// <summary>
/// Size of the <see cref="TransformerForDiffusion"/> of Diffusion Policy's transformer variant, DP-T (Chi et al.,
/// RSS 2023, §III-B). Defaults are real-stanford/diffusion_policy's Push-T state config
/// (train_diffusion_transformer_lowdim_pusht_workspace.yaml: 8 layers, 4 heads, width 256, p_drop_emb 0,
/// p_drop_attn 0.01, causal attention, an MLP condition encoder) except the task-dependent
/// <see cref="InputDim"/>, <see cref="OutputDim"/> and <see cref="CondDim"/> (Push-T state: 2, 2 and 20).
/// Only the original's time_as_cond = true branch (step and observations as cross-attention memory) is built.
/// </summary>
public sealed record TransformerForDiffusionConfig
{
    public int InputDim { get; init; } = 2;        // Da: width of each noisy action token
    public int OutputDim { get; init; } = 2;       // width of each predicted token (ε, x₀ or v), usually Da
    public int Horizon { get; init; } = 16;        // T: action tokens; the model only accepts exactly this many
    public int NObsSteps { get; init; } = 2;       // To: observation tokens in the memory
    public int CondDim { get; init; }              // features per observation step; 0 = step token only
    public int NLayer { get; init; } = 8;          // decoder layers
    public int NHead { get; init; } = 4;           // attention heads; divides NEmb
    public int NEmb { get; init; } = 256;          // token width (even: the step embedding is sinusoidal)
    public double PDropEmb { get; init; }          // dropout on token + position embeddings
    public double PDropAttn { get; init; } = 0.01; // dropout in attention weights, residual branches and feed-forward
    public bool CausalAttn { get; init; } = true;  // action t sees actions ≤ t and observations ≤ t
    public int NCondLayers { get; init; }          // > 0: pre-norm transformer encoder over the memory; 0: an MLP

    /// <summary>Memory tokens: the diffusion step token plus one per observation step when <see cref="CondDim"/> &gt; 0.</summary>
    public int CondTokens => 1 + (CondDim > 0 ? NObsSteps : 0);

    /// <summary>Checks every field once; returns this.</summary>
    public TransformerForDiffusionConfig Validated()
    {
        Require(InputDim >= 1, $"InputDim must be ≥ 1, got {InputDim}.");
        Require(OutputDim >= 1, $"OutputDim must be ≥ 1, got {OutputDim}.");
        Require(Horizon >= 1, $"Horizon must be ≥ 1, got {Horizon}.");
        Require(NObsSteps >= 1, $"NObsSteps must be ≥ 1, got {NObsSteps}.");
        Require(CondDim >= 0, $"CondDim must be ≥ 0, got {CondDim}.");
        Require(NLayer >= 1, $"NLayer must be ≥ 1, got {NLayer}.");
        Require(NEmb >= 4 && NEmb % 2 == 0, $"NEmb must be even and ≥ 4 (sinusoidal step embedding), got {NEmb}.");
        Require(NHead >= 1 && NEmb % NHead == 0, $"NHead must be ≥ 1 and divide NEmb = {NEmb}, got {NHead}.");
        Require(PDropEmb is >= 0 and < 1, $"PDropEmb must be in [0, 1), got {PDropEmb}.");
        Require(PDropAttn is >= 0 and < 1, $"PDropAttn must be in [0, 1), got {PDropAttn}.");
        Require(NCondLayers >= 0, $"NCondLayers must be ≥ 0, got {NCondLayers}.");
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
