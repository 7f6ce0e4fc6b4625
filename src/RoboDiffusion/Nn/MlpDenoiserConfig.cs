namespace RoboDiffusion.Nn;

/// <summary>Size of the toy MLP denoiser; the defaults fit 2-D toy distributions in a few thousand CPU steps.</summary>
public sealed record MlpDenoiserConfig
{
    public int DataDim { get; init; } = 2;          // D: input and output width
    public int CondDim { get; init; }               // C: condition width; 0 = unconditional
    public int EmbedDim { get; init; } = 32;        // width of the sinusoidal noise-level embedding (even, ≥ 4)
    public int Width { get; init; } = 128;          // hidden width
    public int Depth { get; init; } = 3;            // hidden layers (Linear + activation), ≥ 1
    public MlpActivation Activation { get; init; } = MlpActivation.SiLU;
    public double NoiseLevelScale { get; init; } = 1.0; // multiplies the noise level before embedding, e.g. 1000 for t ∈ [0, 1]

    /// <summary>Checks every field once; returns this.</summary>
    public MlpDenoiserConfig Validated()
    {
        if (DataDim < 1) throw new ArgumentException($"DataDim must be ≥ 1, got {DataDim}.");
        if (CondDim < 0) throw new ArgumentException($"CondDim must be ≥ 0, got {CondDim}.");
        if (EmbedDim < 4 || EmbedDim % 2 != 0) throw new ArgumentException($"EmbedDim must be even and ≥ 4, got {EmbedDim}.");
        if (Width < 1) throw new ArgumentException($"Width must be ≥ 1, got {Width}.");
        if (Depth < 1) throw new ArgumentException($"Depth must be ≥ 1, got {Depth}.");
        if (!double.IsFinite(NoiseLevelScale)) throw new ArgumentException($"NoiseLevelScale must be finite, got {NoiseLevelScale}.");
        return this;
    }
}
