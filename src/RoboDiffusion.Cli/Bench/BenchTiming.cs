using System.Diagnostics;

namespace RoboDiffusion.Cli.Bench;

/// <summary>Wall time of repeated runs after warm-up, with the stopping rule of bench/pytorch/policy_bench.py.</summary>
internal static class BenchTiming
{
    /// <summary>Seconds per timed run; stops early (after ≥ 3 runs, or all when reps &lt; 3) once the budget is spent.</summary>
    public static double[] Seconds(Action body, int warmup, int reps, double budgetSeconds)
    {
        for (var i = 0; i < warmup; i++) body();
        var times = new List<double>(reps);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++)
        {
            var clock = Stopwatch.StartNew();
            body();
            times.Add(clock.Elapsed.TotalSeconds);
            if (times.Count >= Math.Min(3, reps) && total.Elapsed.TotalSeconds > budgetSeconds) break;
        }
        return [.. times];
    }

    /// <summary>Median (mean of the middle two for an even count), as Python's statistics.median.</summary>
    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) throw new ArgumentException("The median of no values is undefined.");
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
