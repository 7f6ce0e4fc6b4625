using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>
/// What a sampler reports after each denoiser call (k-diffusion's callback dict: i, sigma, sigma_hat, x, denoised).
/// The tensors are valid only during the callback; clone them to keep them.
/// </summary>
public readonly record struct SampleStep(int Index, double Sigma, double SigmaHat, Tensor X, Tensor Denoised);

/// <summary>
/// Source of the fresh Gaussian noise that stochastic samplers add between σ and σ_next (k-diffusion's noise_sampler).
/// Passing the same source gives the same numbers; tests pass recorded noise.
/// </summary>
public delegate Tensor NoiseSampler(double sigma, double sigmaNext);

/// <summary>Default noise sources.</summary>
public static class NoiseSamplers
{
    /// <summary>Standard normal noise shaped like <paramref name="like"/>, drawn from a seeded generator.</summary>
    public static NoiseSampler Gaussian(Tensor like, Generator generator)
    {
        var shape = like.shape;
        var dtype = like.dtype;
        var device = like.device;
        return (_, _) => randn(shape, dtype: dtype, device: device, generator: generator);
    }
}
