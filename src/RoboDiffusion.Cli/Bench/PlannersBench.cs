using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.MotionPlanning.Datasets;
using RoboDiffusion.MotionPlanning.Metrics;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// The side-by-side comparison of issue 6 §4 (MPD's Table I protocol): every planner on the same held-out queries
/// (seeded, start and goal free with MPD's cutoff margin and ≥ 1.0 apart), each query's trajectory set scored with MPD's
/// metrics, then averaged over queries (length, smoothness and variance over the successful ones).
/// </summary>
internal static class PlannersBench
{
    /// <summary>First seed of the held-out queries: query q uses Random(HeldOutSeed + q). Training contexts use
    /// ContextGenerator's splitmix-mixed seeds of (seed, context), so the two sets are independent draws.</summary>
    public const int HeldOutSeed = 1_000_000_007;

    /// <summary>The held-out queries of <paramref name="world"/>.</summary>
    public static IReadOnlyList<(Point2 Start, Point2 Goal)> Queries(World world, int count) =>
        [.. Enumerable.Range(0, count).Select(q => ContextGenerator.SampleQuery(world, new ContextGeneratorOptions(), new Random(HeldOutSeed + q)))];

    /// <summary>Runs <paramref name="planner"/> (a classical name, or mpd with <paramref name="mpd"/>) on every query.</summary>
    public static PlannersBenchRow Run(string planner, World world, IReadOnlyList<(Point2 Start, Point2 Goal)> queries, PlannerBudget budget,
        MpdPointPlanner? mpd, Action? queryDone = null)
    {
        var classical = mpd is null ? MotionPlanners.Create(planner) : null;
        var perQuery = new List<TrajectorySetMetrics>();
        for (var q = 0; q < queries.Count; q++)
        {
            var (start, goal) = queries[q];
            IReadOnlyList<Trajectory> set;
            TimeSpan time;
            if (mpd is not null) (set, time) = mpd.Plan(world, start, goal, mpd.DefaultSamples, q);
            else
            {
                var result = classical!.Plan(world, start, goal, budget, q);
                (set, time) = (result.Trajectory is null ? [] : [result.Trajectory], result.Time);
            }
            perQuery.Add(TrajectoryMetrics.Compute(world, set, time));
            queryDone?.Invoke();
        }
        return PlannersBenchRow.From(planner, perQuery);
    }
}
