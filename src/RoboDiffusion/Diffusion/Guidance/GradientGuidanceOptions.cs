namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>
/// Settings of <see cref="GradientGuidance"/>. The step applied to x̂₀ is scale(σ)·g with
/// scale(σ) = <see cref="Scale"/>·σ^<see cref="SigmaPower"/> when σ ≤ <see cref="SigmaMax"/>, and 0 otherwise.
/// Defaults are plain: one unclipped step of size 1 at every σ.
/// </summary>
public sealed record GradientGuidanceOptions
{
    /// <summary>Step size λ on the gradient (MPD uses 1e-2 on its collision cost).</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Exponent p in scale·σ^p; 0 = constant, 2 = proportional to the noise variance (Diffuser's scale_grad_by_std).</summary>
    public double SigmaPower { get; init; }

    /// <summary>
    /// If set, multiplies the step at each sample's σ. MPD steps the DDPM posterior mean, not x̂₀: the posterior mean
    /// moves by (1 − σ_next²/σ²) of a step on x̂₀, so 1/(1 − σ_next²/σ²) here reproduces MPD's step.
    /// </summary>
    public Func<double, double>? SigmaScale { get; init; }

    /// <summary>Guide only samples whose σ is at most this (MPD guides only the last quarter of the steps); +∞ = always.</summary>
    public double SigmaMax { get; init; } = double.PositiveInfinity;

    /// <summary>Gradient steps per denoiser call (Diffuser n_guide_steps; MPD uses 5). Only 1 is allowed for <see cref="GuidanceGradientTarget.Input"/>.</summary>
    public int InnerSteps { get; init; } = 1;

    /// <summary>If set, each sample's gradient is rescaled to at most this L2 norm (over all its entries).</summary>
    public double? MaxGradNorm { get; init; }

    /// <summary>If set, each gradient entry is clamped to [−v, v].</summary>
    public double? MaxGradValue { get; init; }

    /// <summary>What the gradient is taken with respect to.</summary>
    public GuidanceGradientTarget Target { get; init; } = GuidanceGradientTarget.Denoised;

    /// <summary>Applied to x̂₀ after every inner step, e.g. <see cref="Inpainting.Apply"/> to keep hard constraints (MPD re-applies them each step).</summary>
    public Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>? Projection { get; init; }

    /// <summary>
    /// The σ threshold that makes guidance act on the last <paramref name="steps"/> denoiser calls of a sampler that visits
    /// <paramref name="sigmas"/> (a grid ending with σ = 0, as <c>SigmaGrids</c> returns): σ_max = sigmas[n − steps], n = sigmas.Length − 1.
    /// </summary>
    public static double SigmaMaxForLastSteps(IReadOnlyList<double> sigmas, int steps)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        var n = sigmas.Count - 1;
        if (n < 1) throw new ArgumentException("The σ grid needs at least one step (two entries).", nameof(sigmas));
        if (steps < 0 || steps > n)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be in [0, {n}] for a grid of {n} steps.");
        return steps == 0 ? double.NegativeInfinity : sigmas[n - steps];
    }

    /// <summary>This record after checking every field; throws naming the bad one.</summary>
    public GradientGuidanceOptions Validated()
    {
        if (!double.IsFinite(Scale)) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be finite.");
        if (!double.IsFinite(SigmaPower)) throw new ArgumentOutOfRangeException(nameof(SigmaPower), SigmaPower, "SigmaPower must be finite.");
        if (double.IsNaN(SigmaMax)) throw new ArgumentOutOfRangeException(nameof(SigmaMax), SigmaMax, "SigmaMax must not be NaN.");
        if (InnerSteps < 1) throw new ArgumentOutOfRangeException(nameof(InnerSteps), InnerSteps, "InnerSteps must be at least 1.");
        if (Target == GuidanceGradientTarget.Input && InnerSteps != 1)
            throw new ArgumentOutOfRangeException(nameof(InnerSteps), InnerSteps, "Input-gradient guidance takes exactly one step per call.");
        if (MaxGradNorm is { } n && !(n > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGradNorm), n, "MaxGradNorm must be > 0.");
        if (MaxGradValue is { } v && !(v > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGradValue), v, "MaxGradValue must be > 0.");
        if (!Enum.IsDefined(Target)) throw new ArgumentOutOfRangeException(nameof(Target), Target, "Unknown gradient target.");
        return this;
    }
}
