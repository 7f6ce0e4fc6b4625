namespace RoboDiffusion.Diffusion.Losses;

/// <summary>
/// The noise-level input of an ε-, x₀- or v-predicting network. Names: "timestep", "log_sigma".
/// </summary>
public enum NoiseInput
{
    /// <summary>Discrete-time: the network sees the timestep t(σ) of the schedule and trains on uniform t (DDPM).</summary>
    Timestep,

    /// <summary>Continuous-time: the network sees ln(σ)/4 and trains on ln σ ~ N(P_mean, P_std²) (EDM's choices).</summary>
    LogSigma,
}
