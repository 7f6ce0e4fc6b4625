using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

public static partial class Sampling
{
    /// <summary>
    /// DPM-Solver++(2M) (Lu et al. 2022b, Alg. 2): exponential integrator in λ = −log σ on the data prediction,
    /// x_{i+1} = (σ_{i+1}/σ_i)·x_i − (e^{−h} − 1)·D̃ with D̃ = (1 + 1/2r)·D_i − (1/2r)·D_{i−1}, r = h_{i−1}/h_i;
    /// first-order on the first step and on the last step to σ = 0 (k-diffusion sample_dpmpp_2m).
    /// </summary>
    public static Tensor DpmPp2M(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        Tensor? oldDenoised = null;
        try
        {
            return SamplerLoop.Run(x, sigmas, options, noise, (i, x, _) =>
            {
                var (sigma, sigmaNext) = (sigmas[i], sigmas[i + 1]);
                var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
                onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
                var ratio = sigmaNext / sigma;                                                // e^{−h}
                var target = denoised;
                if (oldDenoised is not null && sigmaNext > 0)
                {
                    var r = Math.Log(sigmas[i - 1] / sigma) / Math.Log(sigma / sigmaNext);   // h_{i−1}/h_i
                    target = (1 + 1 / (2 * r)) * denoised - 1 / (2 * r) * oldDenoised;
                }
                var next = ratio * x + (1 - ratio) * target;
                oldDenoised = SamplerLoop.Keep(denoised, oldDenoised);
                return next;
            });
        }
        finally { oldDenoised?.Dispose(); }
    }

    /// <summary>
    /// DPM-Solver++(2M) SDE (Lu et al. 2022b, §4 / k-diffusion sample_dpmpp_2m_sde; η default 1, η = 0 is the ODE):
    /// x ← (σ'/σ)e^{−ηh}·x + (1 − e^{−h−ηh})·D_i + second-order term (midpoint or Heun) + σ'·√(1 − e^{−2ηh})·S_noise·z.
    /// The last step to σ = 0 returns D. k-diffusion's default noise is a Brownian tree; ours is the given NoiseSampler.
    /// </summary>
    public static Tensor DpmPp2MSde(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var eta = options.Eta ?? 1.0;
        Tensor? oldDenoised = null;
        var hLast = 0.0;
        try
        {
            return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
            {
                var (sigma, sigmaNext) = (sigmas[i], sigmas[i + 1]);
                var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
                onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
                if (sigmaNext == 0) return denoised;                                          // denoising step
                var h = Math.Log(sigma / sigmaNext);
                var etaH = eta * h;
                var phi = -SamplerLoop.Expm1(-h - etaH);                                      // 1 − e^{−h−ηh}
                var next = sigmaNext / sigma * Math.Exp(-etaH) * x + phi * denoised;
                if (oldDenoised is not null)
                {
                    var r = hLast / h;
                    var coefficient = options.SolverType == SolverType.Heun ? (phi / (-h - etaH) + 1) / r : 0.5 * phi / r;
                    next = next + coefficient * (denoised - oldDenoised);
                }
                if (eta > 0)
                    next = next + source(sigma, sigmaNext) * (sigmaNext * Math.Sqrt(-SamplerLoop.Expm1(-2 * etaH)) * options.SNoise);
                oldDenoised = SamplerLoop.Keep(denoised, oldDenoised);
                hLast = h;
                return next;
            });
        }
        finally { oldDenoised?.Dispose(); }
    }

    /// <summary>
    /// DPM-Solver++(3M) SDE (k-diffusion sample_dpmpp_3m_sde; η default 1, η = 0 is the third-order multistep ODE
    /// solver of Lu et al. 2022b): exponential integrator with φ₂ = (e^{−h_η} − 1)/h_η + 1, φ₃ = φ₂/h_η − ½ applied to
    /// first and second divided differences of the last three D's, h_η = (1 + η)h. The last step to σ = 0 returns D.
    /// </summary>
    public static Tensor DpmPp3MSde(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var eta = options.Eta ?? 1.0;
        Tensor? denoised1 = null, denoised2 = null;                                           // D_{i−1}, D_{i−2}
        double h1 = 0, h2 = 0;
        try
        {
            return SamplerLoop.Run(x, sigmas, options, noise, (i, x, source) =>
            {
                var (sigma, sigmaNext) = (sigmas[i], sigmas[i + 1]);
                var denoised = SamplerLoop.Denoise(denoise, x, sigma, i);
                onStep?.Invoke(new SampleStep(i, sigma, sigma, x, denoised));
                if (sigmaNext == 0) return denoised;
                var h = Math.Log(sigma / sigmaNext);
                var hEta = h * (eta + 1);
                var next = Math.Exp(-hEta) * x - SamplerLoop.Expm1(-hEta) * denoised;
                var phi2 = SamplerLoop.Expm1(-hEta) / hEta + 1;
                if (denoised2 is not null)
                {
                    double r0 = h1 / h, r1 = h2 / h;
                    var d10 = (denoised - denoised1!) / r0;
                    var d11 = (denoised1! - denoised2) / r1;
                    var d1 = d10 + (d10 - d11) * (r0 / (r0 + r1));
                    var d2 = (d10 - d11) / (r0 + r1);
                    next = next + phi2 * d1 - (phi2 / hEta - 0.5) * d2;
                }
                else if (denoised1 is not null)
                    next = next + phi2 * ((denoised - denoised1) / (h1 / h));
                if (eta > 0)
                    next = next + source(sigma, sigmaNext) * (sigmaNext * Math.Sqrt(-SamplerLoop.Expm1(-2 * h * eta)) * options.SNoise);
                denoised2?.Dispose();
                (denoised2, denoised1) = (denoised1, SamplerLoop.Keep(denoised, null));
                (h2, h1) = (h1, h);
                return next;
            });
        }
        finally { denoised1?.Dispose(); denoised2?.Dispose(); }
    }
}
