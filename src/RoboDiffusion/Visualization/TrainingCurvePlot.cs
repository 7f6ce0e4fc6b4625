using RoboDiffusion.Data.Io;
using RoboDiffusion.Training;
using ScottPlot;

namespace RoboDiffusion.Visualization;

/// <summary>The loss curve of a training run (log scale) and, when the run evaluated, its score on a second axis.</summary>
public static class TrainingCurvePlot
{
    /// <summary>Reads a metrics.jsonl and writes a PNG atomically; <paramref name="scoreKey"/> names the evaluation metric.</summary>
    public static void Save(string metricsPath, string pngPath, string title, string scoreKey = "eval/score")
    {
        var rows = new MetricsLog(metricsPath).ReadAll();
        var loss = Series(rows, "loss");
        var score = Series(rows, scoreKey);
        using var plot = new Plot();
        if (loss.X.Length > 0)
        {
            var line = plot.Add.ScatterLine(loss.X, loss.Y.Select(Math.Log10).ToArray(), Color.FromHex("#1F5AA6"));
            line.LegendText = "training loss (log10)";
        }
        plot.Axes.Left.Label.Text = "log10 loss";
        if (score.X.Length > 0)
        {
            var points = plot.Add.Scatter(score.X, score.Y, Color.FromHex("#C0392B"));
            points.LegendText = scoreKey;
            points.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = scoreKey;
            plot.Axes.SetLimitsY(0, 1.05, plot.Axes.Right);
        }
        plot.Axes.Bottom.Label.Text = "optimizer step";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperCenter);
        AtomicFile.WriteVia(pngPath, temp => plot.SavePng(temp, 900, 500));
    }

    private static (double[] X, double[] Y) Series(IReadOnlyList<IReadOnlyDictionary<string, double>> rows, string key)
    {
        var points = rows.Where(r => r.ContainsKey(key) && r.ContainsKey("step") && double.IsFinite(r[key]))
            .Select(r => (r["step"], r[key])).ToList();
        return ([.. points.Select(p => p.Item1)], [.. points.Select(p => p.Item2)]);
    }
}
