using RoboDiffusion.Nn;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>The loop shared by every sampler and its bookkeeping: input validation, guarded denoiser calls, noise, memory.</summary>
internal static class SamplerLoop
{
    /// <summary>
    /// One step i of a sampler, σ_i → σ_{i+1}: returns the new x (it may be a temporary of the step's dispose scope).
    /// <paramref name="noise"/> is the run's noise source. State kept for later steps must leave the scope by
    /// <see cref="Keep"/>, and the sampler frees it when the run ends.
    /// </summary>
    public delegate Tensor Step(int i, Tensor x, NoiseSampler noise);

    /// <summary>
    /// The loop every sampler shares (k-diffusion's <c>for i in trange(len(sigmas) - 1)</c>): validates the input, then
    /// without autograd runs <paramref name="step"/> for i = 0 … N−1, each inside its own dispose scope, carrying only
    /// the new x out of it. The default seeded noise source is made on the first draw, so deterministic samplers never
    /// make a generator. <paramref name="check"/> holds a sampler's own checks, run after the shared ones.
    /// </summary>
    public static Tensor Run(Tensor x, double[] sigmas, SamplerOptions options, NoiseSampler? noise, Step step, Action? check = null)
    {
        Validate(x, sigmas, options);
        check?.Invoke();
        var input = x;
        Generator? owned = null;
        NoiseSampler? source = null;
        NoiseSampler draw = (sigma, sigmaNext) => (source ??= Noise(noise, input, options, out owned))(sigma, sigmaNext);
        try
        {
            using var grad = no_grad();
            using var region = NoGcRegion.Enter();   // TorchSharp's implicit Scalars must outlive their native calls
            for (var i = 0; i < sigmas.Length - 1; i++)
            {
                using var scope = NewDisposeScope();
                x = Carry(step(i, x, draw), x, input);
                region.Renew();
            }
            return x;
        }
        finally { owned?.Dispose(); }
    }

    /// <summary>Throws unless x is a floating tensor with a batch and σ is a finite, strictly decreasing grid ending at 0.</summary>
    public static void Validate(Tensor x, double[] sigmas, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(sigmas);
        options.Validated();
        if (x.dim() < 1 || x.shape[0] < 1)
            throw new ArgumentException($"x must have a batch dimension with at least one sample; got shape [{string.Join(", ", x.shape)}].", nameof(x));
        if (!x.is_floating_point())
            throw new ArgumentException($"x must be a floating-point tensor; got {x.dtype}.", nameof(x));
        if (sigmas.Length < 2)
            throw new ArgumentException($"Need at least one step (σ grid of length ≥ 2); got {sigmas.Length} value(s).", nameof(sigmas));
        for (var i = 0; i < sigmas.Length; i++)
        {
            if (!double.IsFinite(sigmas[i]) || sigmas[i] < 0)
                throw new ArgumentException($"σ[{i}] = {sigmas[i]} is not a finite number ≥ 0.", nameof(sigmas));
            if (i > 0 && !(sigmas[i] < sigmas[i - 1]))
                throw new ArgumentException($"σ must be strictly decreasing; σ[{i - 1}] = {sigmas[i - 1]}, σ[{i}] = {sigmas[i]}.", nameof(sigmas));
        }
        if (sigmas[^1] != 0)
            throw new ArgumentException($"The σ grid must end with 0 (the clean sample); it ends with {sigmas[^1]}.", nameof(sigmas));
    }

    /// <summary>D(x; σ) with its output checked for shape and for NaN/Inf, naming the step and σ on failure.</summary>
    public static Tensor Denoise(Denoiser denoise, Tensor x, double sigma, int step)
    {
        var denoised = denoise(x, DenoiserExtensions.SigmaLike(x, sigma));
        if (denoised is null || !denoised.shape.SequenceEqual(x.shape))
            throw new InvalidOperationException(
                $"The denoiser returned shape [{(denoised is null ? "null" : string.Join(", ", denoised.shape))}] " +
                $"for x of shape [{string.Join(", ", x.shape)}] at step {step} (σ = {sigma:G6}).");
        if (!isfinite(denoised).all().item<bool>())
            throw new InvalidOperationException($"The denoiser returned NaN or Inf at step {step} (σ = {sigma:G6}).");
        return denoised;
    }

    /// <summary>The caller's noise source, else seeded standard normal noise (options.Generator, else options.Seed).</summary>
    public static NoiseSampler Noise(NoiseSampler? noise, Tensor x, SamplerOptions options, out Generator? owned)
    {
        owned = null;
        if (noise is not null) return noise;
        var generator = options.Generator ?? (owned = new Generator(unchecked((ulong)options.Seed), x.device));
        return NoiseSamplers.Gaussian(x, generator);
    }

    /// <summary>
    /// Keeps <paramref name="next"/> beyond the step's dispose scope (as a fresh reference, so a denoiser that returns
    /// a cached tensor is never freed by us) and frees the previous state unless it is the caller's input.
    /// </summary>
    public static Tensor Carry(Tensor next, Tensor previous, Tensor input)
    {
        var kept = next.alias().MoveToOuterDisposeScope();
        if (!ReferenceEquals(previous, input)) previous.Dispose();
        return kept;
    }

    /// <summary>Keeps a tensor (e.g. an old denoised) for later steps and frees the one it replaces.</summary>
    public static Tensor Keep(Tensor next, Tensor? previous)
    {
        var kept = next.alias().MoveToOuterDisposeScope();
        previous?.Dispose();
        return kept;
    }

    /// <summary>dx/dσ of the probability-flow ODE, (x − D)/σ (Karras et al. 2022, eq. 4 with σ(t) = t; k-diffusion to_d).</summary>
    public static Tensor ToD(Tensor x, double sigma, Tensor denoised) => (x - denoised) / sigma;

    /// <summary>e^x − 1 without cancellation for small |x| (Kahan's trick: (u − 1)·x/log u with u = e^x).</summary>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        if (u - 1.0 == -1.0) return -1.0;
        return double.IsPositiveInfinity(u) ? u : (u - 1.0) * x / Math.Log(u);
    }
}
