using System.Diagnostics;

namespace RoboDiffusion.Bench;

/// <summary>Median wall time of repeated runs after warm-up; both sides of a ratio are timed interleaved in one process.</summary>
internal static class Timing
{
    public static (double Ours, double Baseline) MedianPair(Action ours, Action baseline, int repeats, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++) { ours(); baseline(); }
        var a = new double[repeats];
        var b = new double[repeats];
        for (var i = 0; i < repeats; i++)   // interleaved, so drifting machine load hits both sides alike
        {
            a[i] = Seconds(ours);
            b[i] = Seconds(baseline);
        }
        return (Median(a), Median(b));
    }

    /// <summary>
    /// Like <see cref="MedianPair"/> but the fastest run of each side: on a loaded machine, pre-emption only adds time,
    /// so the minimum of short runs estimates the work itself better than the median.
    /// </summary>
    public static (double Ours, double Baseline) FastestPair(Action ours, Action baseline, int repeats, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++) { ours(); baseline(); }
        var (a, b) = (double.PositiveInfinity, double.PositiveInfinity);
        for (var i = 0; i < repeats; i++)
        {
            a = Math.Min(a, Seconds(ours));
            b = Math.Min(b, Seconds(baseline));
        }
        return (a, b);
    }

    private static double Seconds(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(double[] xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
