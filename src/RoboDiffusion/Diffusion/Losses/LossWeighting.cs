namespace RoboDiffusion.Diffusion.Losses;

/// <summary>
/// Per-noise-level loss weights. Each is defined on the x₀ error ‖D − x₀‖² and converted to the network's own target
/// by the factor c_out² (‖D − x₀‖² = c_out²·‖F − target‖²). Names: "none", "snr", "min_snr".
/// </summary>
public enum LossWeighting
{
    /// <summary>Plain MSE on the network's target (ε, x₀, v, EDM's F — i.e. EDM's λ(σ) — or the flow velocity).</summary>
    None,

    /// <summary>x₀ error weighted by SNR = 1/σ²: ε-MSE for ε-prediction, SNR/(SNR + 1) for v, SNR for x₀.</summary>
    Snr,

    /// <summary>
    /// Min-SNR-γ (Hang et al. 2023): x₀ error weighted by min(SNR, γ), i.e. min(SNR, γ)/SNR for ε,
    /// min(SNR, γ)/(SNR + 1) for v and min(SNR, γ) for x₀.
    /// </summary>
    MinSnr,
}
