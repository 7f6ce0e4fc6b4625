using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>Maps σ [B] (float64) to the noise-level input the network was trained with (c_noise of Karras et al. 2022, eq. 7).</summary>
public delegate Tensor NoiseConditioning(Tensor sigma);
