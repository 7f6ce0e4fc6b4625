using RoboDiffusion.MotionPlanning.Costs;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using RoboDiffusion.Planners.Mpd;

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

    /// <summary>A guide term whose gradient is <paramref name="cost"/>'s analytic one, trajectory by trajectory (EvaluateBatch).</summary>
    public static MpdCostTerm Term(ITrajectoryCost cost, TrajectorySpec spec, double weight) =>
        new((x, gradient) => cost.EvaluateBatch(x, spec.Size, new double[x.Length / spec.Size], gradient), weight);
}
