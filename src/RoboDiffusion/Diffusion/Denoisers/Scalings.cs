using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// The four σ-dependent factors of D(x; σ) = c_skip·x + c_out·F(c_in·x; c_noise) (Karras et al. 2022, eq. 7).
/// Each is a float64 tensor [B].
/// </summary>
/// <param name="CSkip">Weight of the skip connection.</param>
/// <param name="COut">Scale of the network output F.</param>
/// <param name="CIn">Scale of the network input.</param>
/// <param name="CNoise">The network's noise-level input (a timestep, ln σ / 4, or flow time).</param>
public readonly record struct Scalings(Tensor CSkip, Tensor COut, Tensor CIn, Tensor CNoise);
