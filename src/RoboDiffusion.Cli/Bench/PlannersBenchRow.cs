using RoboDiffusion.MotionPlanning.Metrics;

namespace RoboDiffusion.Cli.Bench;

/// <summary>One planner's averages over the benchmark queries, <see cref="Samples"/> trajectories asked per query (MPD's metrics; NaN when no query succeeded).</summary>
internal sealed record PlannersBenchRow(string Planner, int Samples, int Queries, double Success, double FractionFree, double PathLength,
    double Smoothness, double WaypointVariance, double SecondsPerQuery)
{
    /// <summary>Averages per-query metrics: success and free fraction over all queries, the rest over successful ones.</summary>
    public static PlannersBenchRow From(string planner, int samples, IReadOnlyList<TrajectorySetMetrics> perQuery)
    {
        var ok = perQuery.Where(m => m.Success).ToList();
        double Mean(IEnumerable<double> v) => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
        return new(planner, samples, perQuery.Count, perQuery.Count(m => m.Success) / (double)Math.Max(perQuery.Count, 1),
            Mean(perQuery.Select(m => m.FractionFree)), Mean(ok.Select(m => m.PathLength)), Mean(ok.Select(m => m.Smoothness)),
            Mean(ok.Select(m => m.WaypointVariance)), Mean(perQuery.Select(m => m.PlanningTime.TotalSeconds)));
    }
}
