using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// One term of MPD's guidance cost: <see cref="Gradient"/> maps raw trajectories [N, H, D] (float64) to ∂cost/∂trajectory
/// [N, H, D] (summed over the batch, so each sample gets its own gradient), and <see cref="Weight"/> is its guide weight
/// (MPD: 1e-2 for collision, 1e-7 for the GP prior). A delegate keeps the library free of any world or cost library.
/// </summary>
public sealed record MpdCostTerm(Func<Tensor, Tensor> Gradient, double Weight);
