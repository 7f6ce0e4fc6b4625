using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Samplers;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// MPD's cost guidance (Carvalho et al. 2023, §IV-B; mpd-public GuideManagerTrajectories) expressed with the core's
/// <see cref="GradientGuidance"/>: in the last steps, <see cref="MpdGuidance.InnerSteps"/> steps of −Σ_k w_k·clip(∇c_k)
/// in normalized space, each followed by the start/goal projection. MPD steps the DDPM posterior mean; the core steps
/// x̂₀, which moves the posterior mean by (1 − σ_next²/σ²) of the step, so with <see cref="MpdGuidance.PosteriorMeanStep"/>
/// and the DDPM sampler each x̂₀ step is divided by that factor and the sample moves exactly as MPD's (the factor is 1
/// on the last step to σ = 0, and on the noise-free steps). Other samplers get the x̂₀ step as it is.
/// </summary>
public static class MpdGuidedDenoiser
{
    /// <summary>The guided denoiser for <paramref name="sampler"/> visiting <paramref name="sigmas"/>.</summary>
    /// <param name="denoiser">The inpainted prior denoiser on normalized trajectories.</param>
    /// <param name="guidance">Cost terms and MPD's schedule of guidance.</param>
    /// <param name="sigmas">The sampler's σ grid (ending with 0).</param>
    /// <param name="sampler">The sampler that will call the denoiser.</param>
    /// <param name="unnormalize">Normalized → raw trajectories, differentiable.</param>
    /// <param name="known">The start and goal constraint, re-imposed after every guide step.</param>
    public static Denoiser Create(Denoiser denoiser, MpdGuidance guidance, double[] sigmas, SamplerKind sampler,
        Func<Tensor, Tensor> unnormalize, Inpainting known)
    {
        var g = guidance.Validated();
        var options = new GradientGuidanceOptions
        {
            InnerSteps = g.InnerSteps,
            SigmaMax = GradientGuidanceOptions.SigmaMaxForLastSteps(sigmas, Math.Min(g.LastSteps, sigmas.Length - 1)),
            SigmaScale = g.PosteriorMeanStep && sampler == SamplerKind.Ddpm ? PosteriorMeanScale(sigmas) : null,
            Projection = known.Apply,
        };
        return GradientGuidance.MinimizeCost(denoiser, x => SurrogateCost(x, g, unnormalize), options);
    }

    /// <summary>
    /// σ_i ↦ 1/(1 − σ_{i+1}²/σ_i²) on the grid (1 where the next σ is 0). A σ off the grid takes its nearest grid entry.
    /// </summary>
    public static Func<double, double> PosteriorMeanScale(double[] sigmas)
    {
        if (sigmas.Length < 2 || sigmas[^1] != 0) throw new ArgumentException("The σ grid must have at least one step and end with 0.", nameof(sigmas));
        return sigma =>
        {
            var i = 0;
            for (var k = 1; k < sigmas.Length - 1; k++)
                if (Math.Abs(sigmas[k] - sigma) < Math.Abs(sigmas[i] - sigma)) i = k;
            var ratio = sigmas[i + 1] / sigmas[i];
            return 1 / (1 - ratio * ratio);
        };
    }

    /// <summary>
    /// Σ_k w_k·clip(∇_raw c_k)·raw(x) per sample: a cost whose gradient in normalized space is the chain rule of MPD's
    /// clipped, weighted raw-space gradient (the terms give gradients, not differentiable costs).
    /// </summary>
    public static Tensor SurrogateCost(Tensor normalized, MpdGuidance guidance, Func<Tensor, Tensor> unnormalize)
    {
        var raw = unnormalize(normalized);                                               // [N, H, D]
        var grad = RawGradient(raw.detach(), guidance).to(raw.dtype);
        return (raw * grad).flatten(1).sum(1);                                           // [N]
    }

    /// <summary>Σ_k w_k·clip(g_k) in raw units [N, H, D], each g_k clipped per support point to norm ≤ MaxPointGradNorm.</summary>
    public static Tensor RawGradient(Tensor raw, MpdGuidance guidance)
    {
        using var noGrad = no_grad();
        var x = raw.to(ScalarType.Float64);
        var total = zeros_like(x);
        foreach (var term in guidance.Terms)
        {
            var gk = term.Gradient(x).to(ScalarType.Float64);
            if (!gk.shape.SequenceEqual(x.shape))
                throw new InvalidOperationException($"A cost term returned a gradient of shape [{string.Join(", ", gk.shape)}] for trajectories [{string.Join(", ", x.shape)}].");
            var norm = gk.norm(-1, keepdim: true).clamp_min(1e-12);                      // [N, H, 1]
            total += term.Weight * gk * (norm.clamp_max(guidance.MaxPointGradNorm) / norm);
        }
        return total;
    }
}
