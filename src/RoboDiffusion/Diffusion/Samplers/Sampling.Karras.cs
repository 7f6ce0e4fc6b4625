using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>
/// Samplers over the σ-space denoiser D(x; σ) (x = x₀ + σ·ε), one static function per method, all with the same
/// shape: <c>x</c> is the sample at <c>sigmas[0]</c> (e.g. σ_max·z), <c>sigmas</c> is strictly decreasing and ends
/// with 0, and the result is the sample at σ = 0. Update rules follow k-diffusion's sampling.py step for step, so the
/// same x, denoiser and noise draws give the same numbers. Every fresh Gaussian draw comes from the
/// <see cref="NoiseSampler"/> (default: seeded from <see cref="SamplerOptions"/>). As k-diffusion's callback,
/// <c>onStep</c> fires once per step, right after the step's first denoiser call; a denoiser output with NaN/Inf
/// throws naming the step index and σ.
/// </summary>
public static partial class Sampling
{
    /// <summary>
    /// Euler steps on dx/dσ = (x − D(x; σ))/σ with optional churn: Karras et al. (2022), Algorithm 2 with the
    /// second-order correction removed (k-diffusion sample_euler). Unlike k-diffusion, noise is drawn only when γ &gt; 0.
    /// </summary>
    public static Tensor Euler(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var (xHat, sigmaHat, d) = ChurnAndSlope(denoise, x, sigmas, i, options, source, onStep);   // 1-2. σ̂, D(x̂; σ̂)
            return xHat + d * (sigmas[i + 1] - sigmaHat);                                    // 3. Euler to σ_{i+1}
        });
    }

    /// <summary>
    /// Karras et al. (2022), Algorithm 2 (Heun's 2nd-order method with S_churn, S_tmin, S_tmax, S_noise); the last step
    /// to σ = 0 is an Euler step (k-diffusion sample_heun).
    /// </summary>
    public static Tensor Heun(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var (xHat, sigmaHat, d) = ChurnAndSlope(denoise, x, sigmas, i, options, source, onStep);
            var dt = sigmas[i + 1] - sigmaHat;
            var euler = xHat + d * dt;
            if (sigmas[i + 1] == 0) return euler;
            var d2 = SamplerLoop.ToD(euler, sigmas[i + 1], SamplerLoop.Denoise(denoise, euler, sigmas[i + 1], i));
            return xHat + (d + d2) * (dt / 2);                                               // trapezoid rule
        });
    }

    /// <summary>
    /// DPM-Solver-2 (Lu et al. 2022, Alg. 1 with r = ½, midpoint in log σ) inside Karras et al. (2022) Algorithm 2's
    /// churn loop; Euler on the last step to 0 (k-diffusion sample_dpm_2).
    /// </summary>
    public static Tensor Dpm2(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var (xHat, sigmaHat, d) = ChurnAndSlope(denoise, x, sigmas, i, options, source, onStep);
            if (sigmas[i + 1] == 0) return xHat + d * (0 - sigmaHat);
            var sigmaMid = Math.Exp((Math.Log(sigmaHat) + Math.Log(sigmas[i + 1])) / 2);   // geometric midpoint
            var xMid = xHat + d * (sigmaMid - sigmaHat);
            var dMid = SamplerLoop.ToD(xMid, sigmaMid, SamplerLoop.Denoise(denoise, xMid, sigmaMid, i));
            return xHat + dMid * (sigmas[i + 1] - sigmaHat);
        });
    }

    /// <summary>
    /// Karras et al. (2022), Alg. 2 lines 4-7, shared by the churn samplers: x̂ at σ̂, D(x̂; σ̂) (reported to onStep)
    /// and the slope d = (x̂ − D)/σ̂.
    /// </summary>
    private static (Tensor XHat, double SigmaHat, Tensor D) ChurnAndSlope(Denoiser denoise, Tensor x, double[] sigmas, int i,
        SamplerOptions options, NoiseSampler noise, Action<SampleStep>? onStep)
    {
        var (xHat, sigmaHat) = Churn(x, sigmas, i, options, noise);                        // 1. raise σ to σ̂
        var denoised = SamplerLoop.Denoise(denoise, xHat, sigmaHat, i);                      // 2. D(x̂; σ̂)
        onStep?.Invoke(new SampleStep(i, sigmas[i], sigmaHat, xHat, denoised));
        return (xHat, sigmaHat, SamplerLoop.ToD(xHat, sigmaHat, denoised));
    }

    /// <summary>
    /// Karras et al. (2022), Alg. 2 lines 4-6: γ = min(S_churn/N, √2 − 1) inside [S_tmin, S_tmax], σ̂ = (1 + γ)σ and
    /// x̂ = x + √(σ̂² − σ²)·S_noise·ε. Returns x itself when γ = 0.
    /// </summary>
    private static (Tensor X, double SigmaHat) Churn(Tensor x, double[] sigmas, int i, SamplerOptions options, NoiseSampler noise)
    {
        var sigma = sigmas[i];
        var gamma = options.STmin <= sigma && sigma <= options.STmax
            ? Math.Min(options.SChurn / (sigmas.Length - 1), Math.Sqrt(2) - 1)
            : 0.0;
        if (!(gamma > 0)) return (x, sigma);
        var sigmaHat = sigma * (gamma + 1);
        var eps = noise(sigma, sigmaHat) * options.SNoise;
        return (x + eps * Math.Sqrt(sigmaHat * sigmaHat - sigma * sigma), sigmaHat);
    }
}
