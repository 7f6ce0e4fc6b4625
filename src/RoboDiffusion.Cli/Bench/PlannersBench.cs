using System.Diagnostics;
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

    /// <summary>
    /// Runs <paramref name="planner"/> (a classical name, or mpd with <paramref name="mpd"/>) on every query, asking each
    /// for <paramref name="samples"/> trajectories (null: MPD's configured batch, one classical plan). A classical
    /// planner makes its trajectories as independent seeded plans on every core, as MPD samples its batch on every core;
    /// the time of a query is the wall time of its whole set. One untimed plan of the first query comes first: it pays the
    /// one-off costs (JIT, oneDNN's kernel selection for the batch shape) that a planner in service pays once.
    /// </summary>
    public static PlannersBenchRow Run(string planner, World world, IReadOnlyList<(Point2 Start, Point2 Goal)> queries, PlannerBudget budget,
        MpdPointPlanner? mpd, int? samples = null, Action? queryDone = null)
    {
        var classical = mpd is null ? MotionPlanners.Create(planner) : null;
        var n = samples ?? mpd?.DefaultSamples ?? 1;
        var perQuery = new List<TrajectorySetMetrics>();
        if (queries.Count > 0) Plan(queries[0], 0);                                              // warm-up, untimed
        for (var q = 0; q < queries.Count; q++)
        {
            var (set, time) = Plan(queries[q], q);
            perQuery.Add(TrajectoryMetrics.Compute(world, set, time));
            queryDone?.Invoke();
        }
        return PlannersBenchRow.From(planner, n, perQuery);

        (IReadOnlyList<Trajectory> Set, TimeSpan Time) Plan((Point2 Start, Point2 Goal) query, int q) => mpd is not null
            ? mpd.Plan(world, query.Start, query.Goal, n, q)
            : PlanSet(classical!, world, query.Start, query.Goal, budget, n, q);
    }

    /// <summary><paramref name="n"/> plans of query <paramref name="query"/> (seeds query·n + k) in parallel; failed plans keep their attempt when they have one.</summary>
    private static (IReadOnlyList<Trajectory> Set, TimeSpan Time) PlanSet(IMotionPlanner planner, World world, Point2 start, Point2 goal,
        PlannerBudget budget, int n, int query)
    {
        var results = new PlanResult[n];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            k => results[k] = planner.Plan(world, start, goal, budget, query * n + k));
        var time = clock.Elapsed;
        return ([.. results.Where(r => r.Trajectory is not null).Select(r => r.Trajectory!)], time);
    }
}
