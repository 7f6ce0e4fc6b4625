using RoboDiffusion.Diffusion.Denoisers;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>
/// A training objective and the sampling denoiser of the same parameterization: a network trained with
/// <see cref="Loss"/> is sampled through <see cref="Denoiser"/>.
/// </summary>
public interface IDiffusionObjective
{
    /// <summary>The parameterization shared by training and sampling.</summary>
    IParameterization Parameterization { get; }

    /// <summary>The σ-space denoiser D(x; σ, cond) of <paramref name="network"/>, for the samplers.</summary>
    ConditionalDenoiser Denoiser(NetworkFn network);

    /// <summary>
    /// Per-sample loss [B] (the trainer averages): draws σ, then ε, from <paramref name="generator"/>, noises
    /// <paramref name="x0"/> [B, …] and compares the network output with its target.
    /// </summary>
    Tensor Loss(NetworkFn network, Tensor x0, Tensor? cond, Generator generator);
}
