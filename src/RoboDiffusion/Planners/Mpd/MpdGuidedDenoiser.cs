using RoboDiffusion.Data.Normalization;
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
/// The terms give analytic gradients in raw units; min-max normalization is affine per feature, so the gradient in
/// normalized units is the raw one times each feature's half range (the chain rule) and no autograd graph is needed.
/// </summary>
public static class MpdGuidedDenoiser
{
    /// <summary>The guided denoiser for <paramref name="sampler"/> visiting <paramref name="sigmas"/>.</summary>
    /// <param name="denoiser">The inpainted prior denoiser on normalized trajectories.</param>
    /// <param name="guidance">Cost terms and MPD's schedule of guidance.</param>
    /// <param name="sigmas">The sampler's σ grid (ending with 0).</param>
    /// <param name="sampler">The sampler that will call the denoiser.</param>
    /// <param name="normalizer">The min-max normalizer of the trajectories' states (raw = normalized·half range + offset).</param>
    /// <param name="known">The start and goal constraint, re-imposed after every guide step.</param>
    public static Denoiser Create(Denoiser denoiser, MpdGuidance guidance, double[] sigmas, SamplerKind sampler,
        MinMaxNormalizer normalizer, Inpainting known)
    {
        var g = guidance.Validated();
        var options = new GradientGuidanceOptions
        {
            InnerSteps = g.InnerSteps,
            SigmaMax = GradientGuidanceOptions.SigmaMaxForLastSteps(sigmas, Math.Min(g.LastSteps, sigmas.Length - 1)),
            SigmaScale = g.PosteriorMeanStep && sampler == SamplerKind.Ddpm ? PosteriorMeanScale(sigmas) : null,
            Projection = known.Apply,
        };
        return GradientGuidance.FollowGradient(denoiser, x => NormalizedGradient(x, g, normalizer), options);
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
    /// MPD's clipped, weighted raw-space gradient Σ_k w_k·clip(∇_raw c_k) (<see cref="RawGradient"/>) at the raw
    /// trajectories of <paramref name="normalized"/> [N, H, D], carried to normalized units: ∂raw/∂normalized = 1/scale per feature.
    /// </summary>
    public static Tensor NormalizedGradient(Tensor normalized, MpdGuidance guidance, MinMaxNormalizer normalizer)
    {
        var d = (int)normalized.shape[^1];
        if (normalizer.Dim != d) throw new ArgumentException($"The normalizer has {normalizer.Dim} features, the trajectories {d}.");
        double[] raw;
        using (var scope = NewDisposeScope())
            raw = normalizer.Unnormalize(normalized.detach()).to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        var gradient = RawGradient(raw, d, guidance);
        var rawPerNormalized = normalizer.Scale.Select(s => 1 / s).ToArray();
        for (var i = 0; i < gradient.Length; i++) gradient[i] *= rawPerNormalized[i % d];
        using var g = tensor(gradient, normalized.shape, ScalarType.Float64);
        return g.to(normalized.dtype, normalized.device);
    }

    /// <summary>
    /// Σ_k w_k·clip(g_k) for flat raw trajectories whose states have <paramref name="stateDim"/> entries, each g_k
    /// clipped per state (support point) to norm ≤ <see cref="MpdGuidance.MaxPointGradNorm"/> (MPD clip_grad_by_norm).
    /// </summary>
    public static double[] RawGradient(ReadOnlySpan<double> raw, int stateDim, MpdGuidance guidance)
    {
        if (stateDim < 1 || raw.Length % stateDim != 0) throw new ArgumentException($"{raw.Length} numbers do not split into states of {stateDim}.");
        var total = new double[raw.Length];
        var term = new double[raw.Length];
        foreach (var t in guidance.Terms)
        {
            Array.Clear(term);
            t.Gradient(raw, term);
            for (var p = 0; p < raw.Length; p += stateDim)
            {
                var point = term.AsSpan(p, stateDim);
                var norm = 0.0;
                foreach (var v in point) norm += v * v;
                norm = Math.Sqrt(norm);
                if (!double.IsFinite(norm)) throw new InvalidOperationException($"A cost term gave a non-finite gradient at state {p / stateDim}.");
                var factor = t.Weight * (norm > guidance.MaxPointGradNorm ? guidance.MaxPointGradNorm / norm : 1.0);
                for (var k = 0; k < stateDim; k++) total[p + k] += factor * point[k];
            }
        }
        return total;
    }
}
