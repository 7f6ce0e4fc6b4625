using TorchSharp;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>
/// Knobs shared by all samplers, with k-diffusion's defaults (sampling.py). A sampler reads only the fields it uses.
/// Null <see cref="Eta"/> / <see cref="Order"/> mean "the sampler's own default" (see each property).
/// </summary>
public sealed record SamplerOptions
{
    /// <summary>Stochasticity η ≥ 0. Null: 1 for the ancestral and SDE samplers, 0 for ddim.</summary>
    public double? Eta { get; init; }

    /// <summary>Scale of the fresh noise (S_noise of Karras et al. 2022, Alg. 2); 1 = exact.</summary>
    public double SNoise { get; init; } = 1.0;

    /// <summary>S_churn of Karras et al. (2022), Alg. 2: total churn; γ = min(S_churn/N, √2 − 1). 0 = deterministic.</summary>
    public double SChurn { get; init; }

    /// <summary>Churn is applied only for σ in [S_tmin, S_tmax].</summary>
    public double STmin { get; init; }

    /// <summary>Upper end of the churn window.</summary>
    public double STmax { get; init; } = double.PositiveInfinity;

    /// <summary>Multistep order. Null: 4 for lms (k-diffusion), 2 for unipc (diffusers solver_order).</summary>
    public int? Order { get; init; }

    /// <summary>Second-order rule of dpmpp_2m_sde.</summary>
    public SolverType SolverType { get; init; } = SolverType.Midpoint;

    /// <summary>Seed of the default Gaussian noise source when neither a NoiseSampler nor <see cref="Generator"/> is given.</summary>
    public long Seed { get; init; }

    /// <summary>Optional running generator for the default noise source (takes precedence over <see cref="Seed"/>).</summary>
    public torch.Generator? Generator { get; init; }

    /// <summary>The options, after checking every field; throws naming the first bad one.</summary>
    public SamplerOptions Validated()
    {
        if (Eta is { } eta && !(eta >= 0 && double.IsFinite(eta)))
            throw new ArgumentOutOfRangeException(nameof(Eta), eta, "η must be a finite number ≥ 0.");
        if (!(SNoise >= 0 && double.IsFinite(SNoise)))
            throw new ArgumentOutOfRangeException(nameof(SNoise), SNoise, "S_noise must be a finite number ≥ 0.");
        if (!(SChurn >= 0 && double.IsFinite(SChurn)))
            throw new ArgumentOutOfRangeException(nameof(SChurn), SChurn, "S_churn must be a finite number ≥ 0.");
        if (!(STmin <= STmax))
            throw new ArgumentException($"S_tmin ({STmin}) must not exceed S_tmax ({STmax}).");
        if (Order is { } order && order < 1)
            throw new ArgumentOutOfRangeException(nameof(Order), order, "The order must be at least 1.");
        return this;
    }
}
