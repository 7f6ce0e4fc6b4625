namespace RoboDiffusion.Training;

/// <summary>
/// EMA warm-up of diffusion_policy's EMAModel (after @crowsonkb): decay = 1 − (1 + s/InvGamma)^(−Power), clipped to
/// [MinValue, MaxValue], with s = max(0, optimizationStep − UpdateAfterStep − 1) and decay 0 while s ≤ 0.
/// The defaults are diffusion_policy's Push-T values.
/// </summary>
public sealed record EmaConfig
{
    public long UpdateAfterStep { get; init; }          // optimizer steps that copy the weights outright
    public double InvGamma { get; init; } = 1.0;        // inverse multiplicative factor of the warm-up
    public double Power { get; init; } = 0.75;          // 3/4 suits shorter runs (0.999 at 10k steps), 2/3 million-step runs
    public double MinValue { get; init; }               // lower clip of the decay
    public double MaxValue { get; init; } = 0.9999;     // upper clip of the decay

    /// <summary>Checks every field once; returns this.</summary>
    public EmaConfig Validated()
    {
        if (UpdateAfterStep < 0) throw new ArgumentException($"EMA UpdateAfterStep must be ≥ 0, got {UpdateAfterStep}.");
        if (!(InvGamma > 0)) throw new ArgumentException($"EMA InvGamma must be > 0, got {InvGamma}.");
        if (!(Power > 0)) throw new ArgumentException($"EMA Power must be > 0, got {Power}.");
        if (!(MinValue >= 0 && MinValue <= MaxValue && MaxValue < 1))
            throw new ArgumentException($"EMA needs 0 ≤ MinValue ≤ MaxValue < 1, got [{MinValue}, {MaxValue}].");
        return this;
    }
}
