using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>
/// The shared signature of every sampler in <see cref="Sampling"/>: <paramref name="x"/> is the noisy sample at
/// <c>sigmas[0]</c>, <paramref name="sigmas"/> strictly decreases to a final 0, and the result is the sample at σ = 0.
/// </summary>
public delegate Tensor SamplerFn(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
    NoiseSampler? noise = null, Action<SampleStep>? onStep = null);
