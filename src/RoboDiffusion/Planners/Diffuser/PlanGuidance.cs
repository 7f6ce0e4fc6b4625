using RoboDiffusion.Diffusion.Guidance;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Value guidance of a plan (Janner et al. 2022, §3.2, guided sampling with the gradient of a return estimate J):
/// <see cref="Value"/> maps normalized trajectories [B, H, Da + Ds] to [B] (e.g. <see cref="ValueFunction.AsValue"/>),
/// and <see cref="GradientGuidance"/> steps x̂₀ up its gradient with <see cref="Options"/>. Diffuser (sampling/functions.py)
/// steps the noisy x_t instead: x_t += 0.1·β̃_t·∇J (posterior variance β̃_t ≤ 1), 2 guide steps, none in the last 2 steps;
/// on x̂₀ a constant scale (SigmaPower 0) with a clipped gradient is the safe analogue — σ² weights explode at σ_max.
/// The start and goal constraint is re-imposed after every guide step.
/// </summary>
public sealed record PlanGuidance(Func<Tensor, Tensor> Value, GradientGuidanceOptions Options);
