using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>A flow-matching velocity field dx_t/dt = v(x_t, t), with x_t: [B, …] and t: [B].</summary>
public delegate Tensor VelocityField(Tensor x, Tensor t);
