using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// What <see cref="FlowOde"/> reports before each step from <paramref name="T"/> to <paramref name="TNext"/>.
/// The tensors are valid only during the callback; clone them to keep them.
/// </summary>
/// <param name="Index">Step number, 0-based.</param>
/// <param name="T">Flow time of <paramref name="X"/>.</param>
/// <param name="TNext">Flow time after the step.</param>
/// <param name="X">x_t [B, …].</param>
/// <param name="Velocity">v(x_t, t) [B, …].</param>
public readonly record struct FlowStep(int Index, double T, double TNext, Tensor X, Tensor Velocity);
