using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>
/// Keeps the denoised estimate x̂₀ inside the data range: static clipping to [lo, hi] (DDPM's clip_denoised, Diffuser's
/// clip to [−1, 1]) and dynamic thresholding (Saharia et al. 2022, "Imagen", §2.3), which helps at large guidance scales.
/// </summary>
public static class X0Thresholding
{
    /// <summary>x̂₀ clamped to [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static Tensor Clip(Tensor x0, double lo = -1, double hi = 1)
    {
        CheckRange(lo, hi);
        return x0.clamp(lo, hi);
    }

    /// <summary>A denoiser whose output is clamped to [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static Denoiser Clip(Denoiser denoiser, double lo = -1, double hi = 1)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        CheckRange(lo, hi);
        return (x, sigma) => denoiser(x, sigma).clamp(lo, hi);
    }

    /// <summary>
    /// Imagen dynamic thresholding, per sample: s = the <paramref name="percentile"/> quantile of |x̂₀| over all its entries
    /// (linear interpolation, NumPy's default), s = max(s, 1) (and at most <paramref name="maxThreshold"/>, diffusers'
    /// sample_max_value), then x̂₀ ← clip(x̂₀, −s, s) / s. Samples already inside [−1, 1] are unchanged.
    /// </summary>
    /// <param name="x0">Denoised estimate, [B, …].</param>
    /// <param name="percentile">Quantile in (0, 1]; Imagen uses 0.995.</param>
    /// <param name="maxThreshold">Upper bound on s (≥ 1); +∞ = none, as in Imagen.</param>
    public static Tensor Dynamic(Tensor x0, double percentile = 0.995, double maxThreshold = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(x0);
        CheckDynamic(percentile, maxThreshold);
        if (x0.dim() < 1 || x0.shape[0] == 0) throw new ArgumentException("x̂₀ needs a non-empty batch dimension.", nameof(x0));
        var dtype = x0.dtype;
        var flat = x0.flatten(1).to(ScalarType.Float64);                              // [B, N]; quantile needs floating point
        var q = tensor(percentile, dtype: ScalarType.Float64, device: x0.device);
        var s = flat.abs().quantile(q, 1, keepdim: true).clamp(1.0, maxThreshold);  // [B, 1]
        var clipped = flat.maximum(-s).minimum(s) / s;
        return clipped.view(x0.shape).to(dtype);
    }

    /// <summary>A denoiser whose output goes through <see cref="Dynamic(Tensor, double, double)"/>.</summary>
    public static Denoiser Dynamic(Denoiser denoiser, double percentile = 0.995, double maxThreshold = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        CheckDynamic(percentile, maxThreshold);
        return (x, sigma) => Dynamic(denoiser(x, sigma), percentile, maxThreshold);
    }

    private static void CheckRange(double lo, double hi)
    {
        if (double.IsNaN(lo) || double.IsNaN(hi) || lo > hi)
            throw new ArgumentException($"The clip range [{lo}, {hi}] is invalid: need lo ≤ hi and no NaN.");
    }

    private static void CheckDynamic(double percentile, double maxThreshold)
    {
        if (!(percentile > 0 && percentile <= 1))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile must be in (0, 1].");
        if (!(maxThreshold >= 1))
            throw new ArgumentOutOfRangeException(nameof(maxThreshold), maxThreshold, "maxThreshold must be ≥ 1.");
    }
}
