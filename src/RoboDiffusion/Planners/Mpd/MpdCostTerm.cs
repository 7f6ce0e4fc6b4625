namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// Writes ∂cost/∂trajectory of every trajectory in <paramref name="trajectories"/> (raw units, flat [N·H·D] row-major)
/// into <paramref name="gradient"/> (same layout, zeroed on entry): each sample gets the gradient of its own cost.
/// </summary>
public delegate void TrajectoryCostGradient(ReadOnlySpan<double> trajectories, Span<double> gradient);

/// <summary>
/// One term of MPD's guidance cost: its analytic <see cref="Gradient"/> in raw units and its guide <see cref="Weight"/>
/// (MPD: 1e-2 for collision, 1e-7 for the GP prior). Plain arrays keep the library free of any world or cost library
/// and the guidance free of tensor round trips: it runs 60 times a plan.
/// </summary>
public sealed record MpdCostTerm(TrajectoryCostGradient Gradient, double Weight);
