using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>
/// Gradient guidance on the denoised estimate: x̂₀ ← x̂₀ − scale(σ)·∇ cost(x̂₀), repeated
/// <see cref="GradientGuidanceOptions.InnerSteps"/> times. This is the guided reverse step of Diffuser (Janner et al. 2022,
/// §3.2, μ + αΣ∇J(μ)) and Motion Planning Diffusion (Carvalho et al. 2023: a few clipped cost-gradient steps per
/// denoising step, only in the last steps) moved onto x̂₀, so it works with every sampler: the sampler's step toward x̂₀ then carries the guidance.
/// </summary>
public static class GradientGuidance
{
    /// <summary>
    /// Guides <paramref name="denoiser"/> down a differentiable <paramref name="cost"/>, a function of x̂₀ [B, …] that returns
    /// per-sample costs [B] or one scalar (the gradient of its sum is used, so samples do not interact unless the cost couples them).
    /// </summary>
    public static Denoiser MinimizeCost(Denoiser denoiser, Func<Tensor, Tensor> cost, GradientGuidanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var o = (options ?? new GradientGuidanceOptions()).Validated();
        return o.Target == GuidanceGradientTarget.Denoised
            ? Guided(denoiser, o, (x, sigma, weight) => GuideDenoised(denoiser(x, sigma), y => CostGradient(cost, y), weight, o))
            : Guided(denoiser, o, (x, sigma, weight) => GuideInput(denoiser, x, sigma, cost, weight, o));
    }

    /// <summary>
    /// Like <see cref="MinimizeCost"/> on x̂₀, for a cost known by its gradient: <paramref name="costGradient"/> maps x̂₀
    /// [B, …] to ∂cost/∂x̂₀ of the same shape (analytic gradients, e.g. collision costs of a motion planner), so no
    /// autograd graph is built. Only <see cref="GuidanceGradientTarget.Denoised"/> applies.
    /// </summary>
    public static Denoiser FollowGradient(Denoiser denoiser, Func<Tensor, Tensor> costGradient, GradientGuidanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(costGradient);
        var o = (options ?? new GradientGuidanceOptions()).Validated();
        if (o.Target != GuidanceGradientTarget.Denoised)
            throw new ArgumentException("A cost given by its gradient guides x̂₀ only (Target = Denoised).", nameof(options));
        return Guided(denoiser, o, (x, sigma, weight) => GuideDenoised(denoiser(x, sigma), y => CheckedGradient(costGradient(y), y), weight, o));
    }

    /// <summary>Guides <paramref name="denoiser"/> up a differentiable <paramref name="value"/> (a reward or return estimate): minimizes −value.</summary>
    public static Denoiser MaximizeValue(Denoiser denoiser, Func<Tensor, Tensor> value, GradientGuidanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return MinimizeCost(denoiser, x0 => -value(x0), options);
    }

    /// <summary>Calls <paramref name="guide"/> with the step weights where some sample is in the guided σ range, else the plain denoiser.</summary>
    private static Denoiser Guided(Denoiser denoiser, GradientGuidanceOptions o, Func<Tensor, Tensor, Tensor, Tensor> guide)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        return (x, sigma) =>
        {
            var weight = StepWeight(sigma, o, x);                             // [B, 1, …]
            return weight.ne(0).any().item<bool>() ? guide(x, sigma, weight) : denoiser(x, sigma);   // outside the range: no gradients
        };
    }

    /// <summary>scale·σ^p (times SigmaScale(σ)) where σ ≤ σ_max, else 0; shaped [B, 1, …] to broadcast over x.</summary>
    private static Tensor StepWeight(Tensor sigma, GradientGuidanceOptions o, Tensor x)
    {
        if (sigma.dim() != 1 || sigma.shape[0] != x.shape[0])
            throw new ArgumentException($"sigma must be [B] = [{x.shape[0]}], got [{string.Join(", ", sigma.shape)}].", nameof(sigma));
        var s = sigma.detach().to(x.dtype);
        var weight = (o.SigmaPower == 0 ? ones_like(s) : s.pow(o.SigmaPower)) * o.Scale;
        if (o.SigmaScale is { } perSigma)
            weight *= tensor(s.to_type(ScalarType.Float64).cpu().data<double>().ToArray().Select(perSigma).ToArray(), dtype: s.dtype, device: s.device);
        weight = where(s.le(o.SigmaMax), weight, zeros_like(weight));
        return weight.view([x.shape[0], .. Enumerable.Repeat(1L, (int)x.dim() - 1)]);
    }

    private static Tensor GuideDenoised(Tensor denoised, Func<Tensor, Tensor> gradient, Tensor weight, GradientGuidanceOptions o)
    {
        var y = denoised.detach();
        for (var k = 0; k < o.InnerSteps; k++)
        {
            using var scope = NewDisposeScope();
            var next = y - weight * Clip(gradient(y), o);             // 1. one descent step on the cost
            if (o.Projection is { } project) next = project(next);  // 2. re-impose hard constraints
            y = next.MoveToOuterDisposeScope();
        }
        return y;
    }

    /// <summary>∇ cost at <paramref name="y"/> by autograd.</summary>
    private static Tensor CostGradient(Func<Tensor, Tensor> cost, Tensor y)
    {
        using var _ = enable_grad();
        var leaf = y.detach().requires_grad_(true);
        return Gradient(cost(leaf), leaf);
    }

    private static Tensor CheckedGradient(Tensor gradient, Tensor y) => gradient.shape.SequenceEqual(y.shape)
        ? gradient.to(y.dtype)
        : throw new InvalidOperationException($"The cost gradient has shape [{string.Join(", ", gradient.shape)}], x̂₀ [{string.Join(", ", y.shape)}].");

    private static Tensor GuideInput(Denoiser denoiser, Tensor x, Tensor sigma, Func<Tensor, Tensor> cost, Tensor weight,
        GradientGuidanceOptions o)
    {
        Tensor denoised, grad;
        using (enable_grad())
        {
            var leaf = x.detach().requires_grad_(true);
            denoised = denoiser(leaf, sigma);
            grad = Gradient(cost(denoised), leaf);    // ∇_x cost(D(x; σ)), through the network
        }
        var guided = denoised.detach() - weight * Clip(grad, o);
        return o.Projection is { } project ? project(guided) : guided;
    }

    private static Tensor Gradient(Tensor cost, Tensor leaf)
    {
        if (!(cost.dim() == 0 || (cost.dim() == 1 && cost.shape[0] == leaf.shape[0])))
            throw new InvalidOperationException(
                $"The cost must return one value per sample [{leaf.shape[0]}] or a scalar, got [{string.Join(", ", cost.shape)}].");
        if (!cost.requires_grad)
            throw new InvalidOperationException("The cost does not depend differentiably on its input (the result does not require " +
                "grad): check that the cost uses its argument and, for the Input target, that the denoiser does not run under no_grad.");
        return torch.autograd.grad([cost.sum()], [leaf])[0];
    }

    /// <summary>Per-entry clamp, then per-sample L2-norm rescale (MPD clips its guide gradient).</summary>
    private static Tensor Clip(Tensor grad, GradientGuidanceOptions o)
    {
        if (o.MaxGradValue is { } v) grad = grad.clamp(-v, v);
        if (o.MaxGradNorm is { } maxNorm)
        {
            var norm = grad.flatten(1).norm(1, keepdim: true);                       // [B, 1]
            var factor = (maxNorm / norm.clamp_min(1e-12)).clamp_max(1.0);           // ≤ 1: only shrinks
            grad = grad * factor.view([grad.shape[0], .. Enumerable.Repeat(1L, (int)grad.dim() - 1)]);
        }
        return grad;
    }
}
