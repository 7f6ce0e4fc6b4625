using RoboDiffusion.Envs.Rendering;
using SkiaSharp;

namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// Top-down view of a maze: rows of the layout downwards (D4RL's x), columns rightwards (its y), walls in D4RL's wall
/// colour (.7, .5, .3), the goal as its target site (radius 0.2, colour (.6, .3, .3)) inside a ring showing the reward
/// radius 0.5, the ball as a blue disc of radius 0.1. Not thread-safe: one renderer per environment.
/// </summary>
public sealed class Maze2DRenderer(MazeLayout layout) : IDisposable
{
    private static readonly SKColor Floor = new(235, 235, 235);
    private static readonly SKColor Wall = new(178, 127, 76);
    private static readonly SKColor Target = new(153, 76, 76);
    private static readonly SKColor Ball = new(0, 0, 255);
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _ring = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = Target.WithAlpha(140) };

    /// <summary>The scene with the ball at (x, y) and the goal at (goalX, goalY), both in observation coordinates.</summary>
    public Frame Render(double x, double y, double goalX, double goalY, int cellPixels = 32, IReadOnlyList<(double X, double Y)>? path = null)
    {
        if (cellPixels is < 4 or > 256) throw new ArgumentOutOfRangeException(nameof(cellPixels), cellPixels, "Cell size must be in [4, 256] pixels.");
        var (w, h) = (layout.Width * cellPixels, layout.Height * cellPixels);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Floor);
            _fill.Color = Wall;
            foreach (var c in layout.Cells().Where(layout.IsWall))
                canvas.DrawRect(c.Col * cellPixels, c.Row * cellPixels, cellPixels, cellPixels, _fill);
            if (path is { Count: > 1 }) DrawPath(canvas, path, cellPixels);
            var goal = Pixel(goalX, goalY, cellPixels);
            canvas.DrawCircle(goal, 0.5f * cellPixels, _ring);
            _fill.Color = Target;
            canvas.DrawCircle(goal, 0.2f * cellPixels, _fill);
            _fill.Color = Ball;
            canvas.DrawCircle(Pixel(x, y, cellPixels), (float)Maze2DGeometry.Radius * cellPixels, _fill);
        }
        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[w * h * 3];
        for (int p = 0, q = 0; p < rgb.Length; p += 3, q += 4)
        {
            rgb[p] = rgba[q];
            rgb[p + 1] = rgba[q + 1];
            rgb[p + 2] = rgba[q + 2];
        }
        return new Frame(w, h, rgb);
    }

    /// <summary>Pixel of observation coordinates: world = obs + 1.2; a wall box spans world [i + 0.5, i + 1.5].</summary>
    public static SKPoint Pixel(double x, double y, int cellPixels)
    {
        var (wx, wy) = Maze2DGeometry.World(x, y);
        return new((float)((wy - Maze2DGeometry.WallHalfSize) * cellPixels), (float)((wx - Maze2DGeometry.WallHalfSize) * cellPixels));
    }

    public void Dispose()
    {
        _fill.Dispose();
        _ring.Dispose();
    }

    private static void DrawPath(SKCanvas canvas, IReadOnlyList<(double X, double Y)> path, int cellPixels)
    {
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, Color = new SKColor(80, 160, 80) };
        using var line = new SKPath();
        line.MoveTo(Pixel(path[0].X, path[0].Y, cellPixels));
        for (var i = 1; i < path.Count; i++) line.LineTo(Pixel(path[i].X, path[i].Y, cellPixels));
        canvas.DrawPath(line, stroke);
    }
}
