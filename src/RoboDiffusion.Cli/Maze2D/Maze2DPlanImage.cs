using RoboDiffusion.Data.Io;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Envs.Rendering;
using SkiaSharp;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// The denoising of a plan drawn over the maze (Janner et al. 2022, Fig. 1 style): every recorded x̂₀ as a polyline,
/// early (noisy) ones faint and thin, the final plan opaque, coloured from blue at the start to red at the goal.
/// </summary>
internal static class Maze2DPlanImage
{
    /// <param name="layout">The maze.</param>
    /// <param name="start">Start position (observation coordinates).</param>
    /// <param name="goal">Goal position.</param>
    /// <param name="denoising">Plan positions per recorded step, first to last; the last is the final plan.</param>
    /// <param name="path">Output .png.</param>
    /// <param name="cellPixels">Pixels per maze cell.</param>
    public static void Save(MazeLayout layout, (double X, double Y) start, (double X, double Y) goal,
        IReadOnlyList<IReadOnlyList<(double X, double Y)>> denoising, string path, int cellPixels = 64)
    {
        if (denoising.Count == 0) throw new ArgumentException("Nothing to draw: the plan has no denoising steps.");
        using var renderer = new Maze2DRenderer(layout);
        var frame = renderer.Render(start.X, start.Y, goal.X, goal.Y, cellPixels);
        using var bitmap = ToBitmap(frame);
        using (var canvas = new SKCanvas(bitmap))
        {
            for (var k = 0; k < denoising.Count; k++)
            {
                var progress = denoising.Count == 1 ? 1.0 : (double)k / (denoising.Count - 1);   // 0 = noisiest, 1 = final
                var alpha = (byte)(k == denoising.Count - 1 ? 255 : 20 + 120 * progress);
                DrawPlan(canvas, denoising[k], cellPixels, alpha, k == denoising.Count - 1 ? 3f : 1f);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    private static void DrawPlan(SKCanvas canvas, IReadOnlyList<(double X, double Y)> plan, int cellPixels, byte alpha, float width)
    {
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
        for (var i = 1; i < plan.Count; i++)
        {
            var f = (float)i / (plan.Count - 1);
            paint.Color = new SKColor((byte)(255 * f), 40, (byte)(255 * (1 - f)), alpha);
            canvas.DrawLine(Maze2DRenderer.Pixel(plan[i - 1].X, plan[i - 1].Y, cellPixels), Maze2DRenderer.Pixel(plan[i].X, plan[i].Y, cellPixels), paint);
        }
    }

    private static SKBitmap ToBitmap(Frame frame)
    {
        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[frame.Width * frame.Height * 4];
        for (int p = 0, q = 0; p < frame.Rgb.Length; p += 3, q += 4)
            (rgba[q], rgba[q + 1], rgba[q + 2], rgba[q + 3]) = (frame.Rgb[p], frame.Rgb[p + 1], frame.Rgb[p + 2], 255);
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}
