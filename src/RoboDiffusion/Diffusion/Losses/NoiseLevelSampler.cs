using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>Draws the training noise levels σ: a float64 CPU tensor [batch], from the given generator only.</summary>
public delegate Tensor NoiseLevelSampler(long batch, Generator generator);
