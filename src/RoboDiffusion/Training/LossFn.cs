using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// A training objective: the scalar loss of one batch. Every random draw (noise, timesteps, masks) must come from
/// <paramref name="generator"/>, which the trainer reseeds per step, so runs and resumed runs are reproducible.
/// </summary>
public delegate Tensor LossFn<in TBatch>(TBatch batch, Generator generator);
