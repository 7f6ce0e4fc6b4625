using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// One parameterization = one set of <see cref="Scalings"/> plus the training target of its network. Sampling
/// (<see cref="Preconditioning.Denoiser"/>) and training (Losses/) both go through this interface, so a model is
/// always trained and sampled with the same formulas.
/// </summary>
public interface IParameterization
{
    /// <summary>Which parameterization this is.</summary>
    Parameterization Kind { get; }

    /// <summary>The scalings at noise levels σ [B] (any floating dtype); the results are float64 [B].</summary>
    Scalings GetScalings(Tensor sigma);

    /// <summary>
    /// What the network should output for the noisy sample x = x₀ + σ·ε: always (x₀ − c_skip·x)/c_out (Karras et al.
    /// 2022, eq. 8), written in closed form so it stays exact as c_out → 0.
    /// </summary>
    /// <param name="x0">Clean samples [B, …].</param>
    /// <param name="noise">ε, standard normal, shaped like <paramref name="x0"/>.</param>
    /// <param name="sigma">σ [B].</param>
    Tensor Target(Tensor x0, Tensor noise, Tensor sigma);
}
