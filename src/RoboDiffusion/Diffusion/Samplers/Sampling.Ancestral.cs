using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

public static partial class Sampling
{
    /// <summary>
    /// Splits a step σ → σ_next into a deterministic step down to σ_down and fresh noise of size σ_up, with
    /// σ_up = min(σ_next, η·√(σ_next²(σ² − σ_next²)/σ²)) and σ_down = √(σ_next² − σ_up²) (k-diffusion
    /// get_ancestral_step; η = 1 is the DDPM posterior, η = 0 the ODE).
    /// </summary>
    public static (double Down, double Up) AncestralStep(double sigma, double sigmaNext, double eta = 1.0)
    {
        if (eta == 0) return (sigmaNext, 0.0);
        var up = Math.Min(sigmaNext, eta * Math.Sqrt(sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma)));
        return (Math.Sqrt(sigmaNext * sigmaNext - up * up), up);
    }

    /// <summary>Ancestral sampling with Euler steps to σ_down plus σ_up·S_noise·z (k-diffusion sample_euler_ancestral; η default 1).</summary>
    public static Tensor EulerAncestral(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var eta = options.Eta ?? 1.0;
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var denoised = SamplerLoop.Denoise(denoise, x, sigmas[i], i);
            var (down, up) = AncestralStep(sigmas[i], sigmas[i + 1], eta);
            onStep?.Invoke(new SampleStep(i, sigmas[i], sigmas[i], x, denoised));
            var next = x + SamplerLoop.ToD(x, sigmas[i], denoised) * (down - sigmas[i]);
            if (sigmas[i + 1] > 0) next = next + source(sigmas[i], sigmas[i + 1]) * (options.SNoise * up);
            return next;
        });
    }

    /// <summary>
    /// Ancestral sampling with DPM-Solver++(2S) steps (Lu et al. 2022b, Alg. 1 with r = ½, in λ = −log σ) to σ_down,
    /// then σ_up noise; Euler when σ_down = 0 (k-diffusion sample_dpmpp_2s_ancestral; η default 1).
    /// </summary>
    public static Tensor DpmPp2SAncestral(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var eta = options.Eta ?? 1.0;
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var sigma = sigmas[i];
            var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
            var (down, up) = AncestralStep(sigma, sigmas[i + 1], eta);
            onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
            Tensor next;
            if (down == 0) next = x + SamplerLoop.ToD(x, sigma, denoised) * (down - sigma);
            else
            {
                var sigmaMid = Math.Sqrt(sigma * down);                                       // λ midpoint, r = ½
                var xMid = sigmaMid / sigma * x + (1 - sigmaMid / sigma) * denoised;          // −expm1(−h/2) = 1 − σ_s/σ
                var denoisedMid = SamplerLoop.Denoise(denoise, xMid, sigmaMid, i);
                next = down / sigma * x + (1 - down / sigma) * denoisedMid;
            }
            if (sigmas[i + 1] > 0) next = next + source(sigma, sigmas[i + 1]) * (options.SNoise * up);
            return next;
        });
    }

    /// <summary>
    /// DDPM ancestral sampling (Ho et al. 2020, eq. 6-7; diffusers DDPMScheduler, variance "fixed_small") between
    /// consecutive σ's with ᾱ = 1/(1 + σ²), on the scaled variable x = x_vp·√(1 + σ²). There the posterior
    /// q(x_{σ'} | x_σ, x₀) has mean (σ'²/σ²)·x + (1 − σ'²/σ²)·x₀ and variance σ'²·(1 − σ'²/σ²).
    /// </summary>
    public static Tensor Ddpm(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var (sigma, sigmaNext) = (sigmas[i], sigmas[i + 1]);
            var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
            onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
            var keep = sigmaNext * sigmaNext / (sigma * sigma);                               // weight of x_t in μ̃ on this scale
            var next = keep * x + (1 - keep) * denoised;                                      // posterior mean μ̃
            if (sigmaNext > 0) next = next + source(sigma, sigmaNext) * (options.SNoise * sigmaNext * Math.Sqrt(1 - keep));
            return next;
        });
    }

    /// <summary>
    /// DDIM (Song et al. 2021a, eq. 12 with σ_t(η) of eq. 16) on the scaled variable: with ε̂ = (x − D)/σ,
    /// x' = D + √(σ'² − σ_up²)·ε̂ + σ_up·z and σ_up = η·σ'·√(1 − σ'²/σ²) (capped at σ'). η = 0 (default) is
    /// deterministic and equals an Euler step of the probability-flow ODE.
    /// </summary>
    public static Tensor Ddim(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var eta = options.Eta ?? 0.0;
        return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
        {
            var (sigma, sigmaNext) = (sigmas[i], sigmas[i + 1]);
            var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
            onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
            var up = Math.Min(sigmaNext, eta * sigmaNext * Math.Sqrt(1 - sigmaNext * sigmaNext / (sigma * sigma)));
            var epsHat = (x - denoised) / sigma;                                              // predicted ε
            var next = denoised + epsHat * Math.Sqrt(sigmaNext * sigmaNext - up * up);
            if (up > 0) next = next + source(sigma, sigmaNext) * (options.SNoise * up);
            return next;
        });
    }
}
