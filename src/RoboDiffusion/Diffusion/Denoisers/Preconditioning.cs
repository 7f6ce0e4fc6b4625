using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// Turns a raw <see cref="NetworkFn"/> into the σ-space denoiser the samplers use, and evaluates it on training pairs,
/// both through the same <see cref="Scalings"/>: D(x; σ) = c_skip·x + c_out·F(c_in·x; c_noise) (Karras et al. 2022, eq. 7).
/// </summary>
public static class Preconditioning
{
    /// <summary>The denoiser D(x; σ, cond) → x̂₀ of <paramref name="parameterization"/> around <paramref name="network"/>.</summary>
    public static ConditionalDenoiser Denoiser(this IParameterization parameterization, NetworkFn network) => (x, sigma, cond) =>
    {
        PerSample.CheckSigma(x, sigma);
        var s = parameterization.GetScalings(sigma);
        var input = PerSample.Expand(s.CIn, x) * x;
        var f = network(input, s.CNoise.to(x.dtype, x.device), cond);
        PerSample.CheckOutput(f, x);
        return PerSample.Expand(s.CSkip, x) * x + PerSample.Expand(s.COut, x) * f;
    };

    /// <summary>
    /// F(c_in·x; c_noise) at x = x₀ + σ·ε, the network output a training loss compares with
    /// <see cref="IParameterization.Target"/>. The input is formed as c_in·x₀ + (c_in·σ)·ε in float64 factors so that
    /// huge σ (flow time t → 1) stay finite.
    /// </summary>
    public static Tensor NetworkOutput(this IParameterization parameterization, NetworkFn network,
        Tensor x0, Tensor noise, Tensor sigma, Tensor? cond)
    {
        PerSample.CheckSigma(x0, sigma);
        if (!noise.shape.SequenceEqual(x0.shape))
            throw new ArgumentException($"Noise {PerSample.Format(noise.shape)} must be shaped like x0 {PerSample.Format(x0.shape)}.", nameof(noise));
        var s = parameterization.GetScalings(sigma);
        var sigma64 = sigma.to_type(ScalarType.Float64);
        var noiseScale = where(sigma64.isinf(), ones_like(sigma64), s.CIn * sigma64);   // c_in·σ → 1 as σ → ∞
        var input = PerSample.Expand(s.CIn, x0) * x0 + PerSample.Expand(noiseScale, x0) * noise;
        var f = network(input, s.CNoise.to(x0.dtype, x0.device), cond);
        PerSample.CheckOutput(f, x0);
        return f;
    }
}
