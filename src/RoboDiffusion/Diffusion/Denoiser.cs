using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion;

/// <summary>
/// The one abstraction every sampler sees: the denoiser D(x; σ) → x̂₀ of Karras et al. (2022, "EDM", eq. 2-3),
/// on the variance-exploding scale x = x₀ + σ·ε. Conditioning is bound in (see <see cref="ConditionalDenoiser"/>).
/// </summary>
/// <param name="x">Noisy sample, [B, …].</param>
/// <param name="sigma">Noise level per sample, [B], same dtype and device as <paramref name="x"/>.</param>
/// <returns>The estimate of the clean sample x̂₀, shaped like <paramref name="x"/>.</returns>
public delegate Tensor Denoiser(Tensor x, Tensor sigma);

/// <summary>A denoiser that still takes its condition (null = unconditional); classifier-free guidance needs both.</summary>
public delegate Tensor ConditionalDenoiser(Tensor x, Tensor sigma, Tensor? cond);

/// <summary>
/// A raw network as the parameterizations call it: the (possibly scaled) noisy input, the network's own noise-level
/// input (a discrete timestep, EDM's c_noise, or flow time t; [B]) and an optional condition. Its output means
/// whatever the parameterization says (ε, x₀, v, F or velocity).
/// </summary>
public delegate Tensor NetworkFn(Tensor input, Tensor noiseLevel, Tensor? cond);

/// <summary>Helpers to bind conditions and build σ tensors.</summary>
public static class DenoiserExtensions
{
    /// <summary>Fixes the condition of a conditional denoiser.</summary>
    public static Denoiser Bind(this ConditionalDenoiser denoiser, Tensor? cond) => (x, sigma) => denoiser(x, sigma, cond);

    /// <summary>σ as a [B] tensor matching <paramref name="x"/>'s batch, dtype and device.</summary>
    public static Tensor SigmaLike(Tensor x, double sigma) => full([x.shape[0]], sigma, dtype: x.dtype, device: x.device);
}
