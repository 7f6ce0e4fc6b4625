using RoboDiffusion.Diffusion.Denoisers;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>
/// The denoising score-matching loss in preconditioned form (Karras et al. 2022, eq. 8):
/// w(σ)·mean‖F(c_in·(x₀ + σ·ε); c_noise) − target‖² with σ from a <see cref="NoiseLevelSampler"/>. The parameterization
/// decides the target (ε, x₀, v, EDM's F, flow velocity); the weighting decides w(σ).
/// </summary>
public sealed class DiffusionObjective : IDiffusionObjective
{
    private readonly NoiseLevelSampler _levels;

    /// <summary>Combines a parameterization, its training noise levels and a weighting.</summary>
    /// <param name="parameterization">Scalings and target, shared with sampling.</param>
    /// <param name="levels">Training σ distribution.</param>
    /// <param name="weighting">Per-σ weight; see <see cref="LossWeighting"/>.</param>
    /// <param name="minSnrGamma">γ of Min-SNR-γ (Hang et al. 2023 recommend 5).</param>
    public DiffusionObjective(IParameterization parameterization, NoiseLevelSampler levels,
        LossWeighting weighting = LossWeighting.None, double minSnrGamma = 5.0)
    {
        if (!Enum.IsDefined(weighting)) throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown loss weighting.");
        if (!(minSnrGamma > 0) || double.IsInfinity(minSnrGamma))
            throw new ArgumentOutOfRangeException(nameof(minSnrGamma), minSnrGamma, "γ must be a positive finite number.");
        Parameterization = parameterization;
        _levels = levels;
        Weighting = weighting;
        MinSnrGamma = minSnrGamma;
    }

    /// <inheritdoc/>
    public IParameterization Parameterization { get; }

    /// <summary>The weighting in use.</summary>
    public LossWeighting Weighting { get; }

    /// <summary>γ of Min-SNR-γ.</summary>
    public double MinSnrGamma { get; }

    /// <inheritdoc/>
    public ConditionalDenoiser Denoiser(NetworkFn network) => Parameterization.Denoiser(network);

    /// <inheritdoc/>
    public Tensor Loss(NetworkFn network, Tensor x0, Tensor? cond, Generator generator)
    {
        if (x0.dim() < 1 || x0.shape[0] < 1) throw new ArgumentException("x0 must be a non-empty batch, [B, …].", nameof(x0));
        var sigma = _levels(x0.shape[0], generator);                                        // [B] float64, CPU
        var noise = randn(x0.shape, dtype: x0.dtype, generator: generator).to(x0.device);   // [B, …]
        return Loss(network, x0, cond, sigma.to(x0.device), noise);
    }

    /// <summary>The loss at given noise levels and noise: deterministic, for tests and custom samplers of σ.</summary>
    /// <param name="network">The raw network.</param>
    /// <param name="x0">Clean samples [B, …].</param>
    /// <param name="cond">Condition or null.</param>
    /// <param name="sigma">σ [B].</param>
    /// <param name="noise">ε shaped like <paramref name="x0"/>.</param>
    /// <returns>Per-sample loss [B] in <paramref name="x0"/>'s dtype.</returns>
    public Tensor Loss(NetworkFn network, Tensor x0, Tensor? cond, Tensor sigma, Tensor noise)
    {
        var f = Parameterization.NetworkOutput(network, x0, noise, sigma, cond);
        var target = Parameterization.Target(x0, noise, sigma);
        var mse = (f - target).square().reshape(x0.shape[0], -1).mean([1]);                  // [B]
        return Weighting == LossWeighting.None ? mse : mse * Weight(sigma).to(mse.dtype, mse.device);
    }

    /// <summary>
    /// w(σ) [B] float64 on the network-target MSE: w_x₀(σ)·c_out² with w_x₀ = SNR = 1/σ² (Snr) or min(SNR, γ) (MinSnr),
    /// 1 for <see cref="LossWeighting.None"/>.
    /// </summary>
    public Tensor Weight(Tensor sigma)
    {
        var s = sigma.to_type(ScalarType.Float64);
        if (Weighting == LossWeighting.None) return ones_like(s);
        var cOut2 = Parameterization.GetScalings(s).COut.square();
        var snr = s.square().reciprocal();                                                  // ∞ at σ = 0
        return Weighting switch
        {
            LossWeighting.Snr => (cOut2 * snr).nan_to_num(0),                               // σ = 0 (0·∞) counts as 0
            LossWeighting.MinSnr => snr.clamp_max(MinSnrGamma) * cOut2,
            _ => throw new InvalidOperationException($"Unknown loss weighting {Weighting}."),
        };
    }
}
