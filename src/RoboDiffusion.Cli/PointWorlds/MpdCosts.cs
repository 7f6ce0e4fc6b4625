using RoboDiffusion.MotionPlanning.Costs;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using RoboDiffusion.Planners.Mpd;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>
/// Wires RoboDiffusion.MotionPlanning's costs into <see cref="MpdGuidance"/>: MPD's guide cost is collision (weight 1e-2)
/// plus the GP smoothness prior (σ_gp 1, weight 1e-7) (mpd-public inference.py, Carvalho et al. 2023 §V).
/// </summary>
internal static class MpdCosts
{
    public const double CollisionWeight = 1e-2;
    public const double GpPriorWeight = 1e-7;

    /// <summary>MPD's guidance in <paramref name="world"/>: collision and GP-prior terms with the paper's weights.</summary>
    public static MpdGuidance Guidance(World world, TrajectorySpec spec) => new()
    {
        Terms = [Term(new CollisionCost(world, spec), spec, CollisionWeight), Term(new GpPriorCost(spec), spec, GpPriorWeight)],
    };

    /// <summary>A guide term whose gradient is <paramref name="cost"/>'s analytic one (EvaluateBatch), raw [N, H, 4] → [N, H, 4].</summary>
    public static MpdCostTerm Term(ITrajectoryCost cost, TrajectorySpec spec, double weight) => new(x => Gradient(cost, spec, x), weight);

    /// <summary>∂cost/∂trajectory of every trajectory in <paramref name="x"/> [N, H, 4] (float64 on the CPU).</summary>
    public static Tensor Gradient(ITrajectoryCost cost, TrajectorySpec spec, Tensor x)
    {
        if (x.dim() != 3 || x.shape[1] != spec.SupportPoints || x.shape[2] != Trajectory.StateDim)
            throw new ArgumentException($"Trajectories must be [N, {spec.SupportPoints}, {Trajectory.StateDim}], got [{string.Join(", ", x.shape)}].");
        var batch = x.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        var gradient = new double[batch.Length];
        cost.EvaluateBatch(batch, spec.Size, new double[x.shape[0]], gradient);
        return tensor(gradient, x.shape, ScalarType.Float64);
    }
}
