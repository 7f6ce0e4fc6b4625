using RoboDiffusion.Data.Io;
using ScottPlot;
using static TorchSharp.torch;

namespace RoboDiffusion.Visualization;

/// <summary>Scatter plots of 2-D samples over the data they imitate, written as PNG.</summary>
public static class PointCloudPlot
{
    /// <summary>
    /// Draws <paramref name="reference"/> [n, 2] as a light-gray cloud (the data density) and <paramref name="samples"/>
    /// [m, 2] on top; written atomically to <paramref name="path"/>.
    /// </summary>
    public static void Save(string path, Tensor samples, Tensor reference, string title, int size = 640)
    {
        using var plot = new Plot();
        AddCloud(plot, reference, Color.FromHex("#C8C8C8"), 3, "data");
        AddCloud(plot, samples, Color.FromHex("#1F5AA6"), 3, "samples");
        plot.Title(title);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.WriteVia(path, temp => plot.SavePng(temp, size, size));
    }

    private static void AddCloud(Plot plot, Tensor points, Color color, float markerSize, string label)
    {
        var p = points.to_type(ScalarType.Float64).cpu();
        if (p.dim() != 2 || p.shape[1] != 2) throw new ArgumentException($"Points must be [n, 2], got [{string.Join(", ", p.shape)}].");
        var xs = p[.., 0].data<double>().ToArray();
        var ys = p[.., 1].data<double>().ToArray();
        var scatter = plot.Add.ScatterPoints(xs, ys, color);
        scatter.MarkerSize = markerSize;
        scatter.LegendText = label;
    }
}
