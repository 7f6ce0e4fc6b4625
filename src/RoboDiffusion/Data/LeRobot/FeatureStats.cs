namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Per-element statistics of one feature, as LeRobot's meta/stats.json holds them (compute_stats.py): min, max, mean,
/// population std sqrt(E[x²] − mean²), count, and the quantiles q01, q10, q50, q90, q99. Image features have one
/// entry per channel, on pixel values scaled to [0, 1].
/// </summary>
public sealed record FeatureStats(
    double[] Min, double[] Max, double[] Mean, double[] Std, long Count, IReadOnlyDictionary<string, double[]> Quantiles)
{
    /// <summary>LeRobot's DEFAULT_QUANTILES and their stats.json keys.</summary>
    public static readonly IReadOnlyList<(string Key, double Q)> QuantileLevels =
        [("q01", 0.01), ("q10", 0.10), ("q50", 0.50), ("q90", 0.90), ("q99", 0.99)];

    /// <summary>
    /// Statistics of <paramref name="count"/> rows of <paramref name="dim"/> values read through <paramref name="value"/>(row, j).
    /// Quantiles are exact, with NumPy's default linear interpolation (LeRobot estimates them from histograms).
    /// </summary>
    public static FeatureStats Compute(int count, int dim, Func<long, int, double> value)
    {
        if (count <= 0) throw new ArgumentException("Statistics need at least one row.");
        var min = new double[dim]; var max = new double[dim]; var mean = new double[dim]; var std = new double[dim];
        var q = QuantileLevels.ToDictionary(l => l.Key, _ => new double[dim]);
        var column = new double[count];
        for (var j = 0; j < dim; j++)
        {
            for (var i = 0; i < count; i++) column[i] = value(i, j);
            Array.Sort(column);
            min[j] = column[0];
            max[j] = column[^1];
            mean[j] = column.Average();
            var m = mean[j];
            std[j] = Math.Sqrt(column.Sum(x => (x - m) * (x - m)) / count);   // population std, two-pass
            foreach (var (key, level) in QuantileLevels) q[key][j] = SortedQuantile(column, level);
        }
        return new FeatureStats(min, max, mean, std, count, q);
    }

    /// <summary>
    /// Per-channel statistics of RGB frames (HxWx3 bytes each) on values scaled to [0, 1], exact from a 256-bin
    /// histogram per channel (pixels are bytes). Count is the number of frames, as LeRobot counts image samples.
    /// </summary>
    public static FeatureStats ComputeImage(IEnumerable<byte[]> blocks, int frames)
    {
        var hist = new long[3, 256];
        long total = 0;
        foreach (var block in blocks)
        {
            if (block.Length % 3 != 0) throw new ArgumentException("Image statistics need whole RGB pixels.");
            for (var i = 0; i < block.Length; i++) hist[i % 3, block[i]]++;
            total += block.Length;
        }
        if (frames <= 0 || total == 0) throw new ArgumentException("Image statistics need at least one frame.");
        var n = total / 3;
        var min = new double[3]; var max = new double[3]; var mean = new double[3]; var std = new double[3];
        var q = QuantileLevels.ToDictionary(l => l.Key, _ => new double[3]);
        for (var c = 0; c < 3; c++)
        {
            double sum = 0, sumSq = 0;
            for (var v = 0; v < 256; v++) { sum += hist[c, v] * (v / 255.0); sumSq += hist[c, v] * (v / 255.0) * (v / 255.0); }
            mean[c] = sum / n;
            std[c] = Math.Sqrt(Math.Max(0, sumSq / n - mean[c] * mean[c]));
            min[c] = ValueAtRank(hist, c, 0) / 255.0;
            max[c] = ValueAtRank(hist, c, n - 1) / 255.0;
            foreach (var (key, level) in QuantileLevels)
            {
                var h = (n - 1) * level;
                var lo = (long)Math.Floor(h);
                double a = ValueAtRank(hist, c, lo), b = ValueAtRank(hist, c, Math.Min(lo + 1, n - 1));
                q[key][c] = (a + (h - lo) * (b - a)) / 255.0;
            }
        }
        return new FeatureStats(min, max, mean, std, frames, q);
    }

    /// <summary>The value at 0-based rank k of the sorted data a histogram describes.</summary>
    private static int ValueAtRank(long[,] hist, int channel, long k)
    {
        long seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += hist[channel, v];
            if (seen > k) return v;
        }
        return 255;
    }

    /// <summary>NumPy's "linear" quantile of sorted data: x[floor(h)] + (h − floor(h))·(x[ceil(h)] − x[floor(h)]), h = (n−1)·q.</summary>
    public static double SortedQuantile(IReadOnlyList<double> sorted, double q)
    {
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
