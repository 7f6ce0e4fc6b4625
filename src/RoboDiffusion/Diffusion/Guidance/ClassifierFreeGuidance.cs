using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>
/// Classifier-free guidance (Ho &amp; Salimans 2022, eq. 6) written on the denoised estimate:
/// D_w(x; σ) = D_u + w·(D_c − D_u) = (1 − w)·D_u + w·D_c. Because x̂₀ = x − σ·ε̂ is affine in ε̂ at fixed x and σ,
/// this equals the paper's ε̃ = (1 + w')·ε_c − w'·ε_u with w = 1 + w' (the diffusers "guidance_scale" convention):
/// w = 1 is the conditional denoiser, w = 0 the unconditional one, w &gt; 1 extrapolates away from D_u.
/// </summary>
public static class ClassifierFreeGuidance
{
    /// <summary>
    /// Wraps a conditional denoiser into a guided <see cref="Denoiser"/>.
    /// With a tensor <paramref name="uncond"/> (a learned null embedding or a zero condition) both branches run as ONE
    /// batched call on [x; x], [σ; σ], [cond; uncond]. With <paramref name="uncond"/> = null the unconditional branch is
    /// the network's own unconditional mode (cond = null); null cannot be concatenated, so that case makes two calls.
    /// w = 1 and w = 0 need only one branch, so they make a single unbatched call (as diffusers skips CFG at scale 1).
    /// </summary>
    /// <param name="denoiser">The conditional denoiser D(x; σ, c).</param>
    /// <param name="cond">Condition, [B, …] or [1, …] (broadcast over the batch of x).</param>
    /// <param name="uncond">Unconditional condition shaped like <paramref name="cond"/> (batch B or 1), or null.</param>
    /// <param name="scale">Guidance scale w (finite).</param>
    public static Denoiser Create(ConditionalDenoiser denoiser, Tensor cond, Tensor? uncond, double scale)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        ArgumentNullException.ThrowIfNull(cond);
        if (!double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The guidance scale must be finite.");
        if (cond.dim() == 0) throw new ArgumentException("The condition needs a batch dimension, [B, …] or [1, …].", nameof(cond));
        if (uncond is not null) CheckSameFeatures(cond, uncond);

        if (scale == 1) return (x, sigma) => denoiser(x, sigma, ToBatch(cond, x.shape[0], nameof(cond)));
        if (scale == 0)
            return (x, sigma) => denoiser(x, sigma, uncond is null ? null : ToBatch(uncond, x.shape[0], nameof(uncond)));
        return uncond is null ? TwoCalls(denoiser, cond, scale) : Batched(denoiser, cond, uncond, scale);
    }

    /// <summary>One forward on the doubled batch, then split: first half conditional, second half unconditional.</summary>
    private static Denoiser Batched(ConditionalDenoiser denoiser, Tensor cond, Tensor uncond, double scale) => (x, sigma) =>
    {
        var b = x.shape[0];
        var both = denoiser(
            cat([x, x], 0),                                                                       // [2B, …]
            cat([sigma, sigma], 0),                                                               // [2B]
            cat([ToBatch(cond, b, nameof(cond)), ToBatch(uncond, b, nameof(uncond))], 0));        // [2B, …c]
        if (both.shape[0] != 2 * b)
            throw new InvalidOperationException($"The denoiser returned batch {both.shape[0]} for an input batch of {2 * b}.");
        var halves = both.chunk(2, 0);
        return Combine(halves[0], halves[1], scale);
    };

    private static Denoiser TwoCalls(ConditionalDenoiser denoiser, Tensor cond, double scale) => (x, sigma) =>
        Combine(denoiser(x, sigma, ToBatch(cond, x.shape[0], nameof(cond))), denoiser(x, sigma, null), scale);

    /// <summary>(1 − w)·D_u + w·D_c: algebraically D_u + w·(D_c − D_u), and exact at w = 0 and w = 1.</summary>
    private static Tensor Combine(Tensor conditional, Tensor unconditional, double scale) =>
        unconditional * (1 - scale) + conditional * scale;

    /// <summary>The condition with batch <paramref name="batch"/>: kept if it already has it, expanded from batch 1.</summary>
    private static Tensor ToBatch(Tensor c, long batch, string name)
    {
        if (c.shape[0] == batch) return c;
        if (c.shape[0] == 1) return c.expand([batch, .. c.shape[1..]]);
        throw new ArgumentException(
            $"The {name} tensor has batch {c.shape[0]} but x has batch {batch}; use batch {batch} or 1.", name);
    }

    private static void CheckSameFeatures(Tensor cond, Tensor uncond)
    {
        if (uncond.dim() != cond.dim() || !uncond.shape[1..].SequenceEqual(cond.shape[1..]))
            throw new ArgumentException(
                $"uncond shape [{string.Join(", ", uncond.shape)}] does not match cond shape [{string.Join(", ", cond.shape)}] " +
                "after the batch dimension.", nameof(uncond));
        if (uncond.dtype != cond.dtype)
            throw new ArgumentException($"uncond dtype {uncond.dtype} differs from cond dtype {cond.dtype}.", nameof(uncond));
    }
}
