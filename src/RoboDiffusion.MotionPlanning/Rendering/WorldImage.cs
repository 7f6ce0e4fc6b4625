using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using SkiaSharp;

namespace RoboDiffusion.MotionPlanning.Rendering;

/// <summary>
/// Draws a world and planned trajectories as MPD's figures do: obstacles grey, every trajectory faint (green when
/// collision free, red otherwise), the chosen one bold blue, start and goal as markers.
/// </summary>
public static class WorldImage
{
    public static byte[] Png(World world, IReadOnlyList<Trajectory> trajectories, int chosen, Point2 start, Point2 goal, int pixels = 512)
    {
        if (pixels < 16) throw new ArgumentException($"Image size must be ≥ 16 pixels, got {pixels}.");
        using var surface = SKSurface.Create(new SKImageInfo(pixels, pixels, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var scale = (float)(pixels / Math.Max(world.Max.X - world.Min.X, world.Max.Y - world.Min.Y));
        SKPoint Pixel(Point2 p) => new((float)(p.X - world.Min.X) * scale, (float)(world.Max.Y - p.Y) * scale);   // y up
        DrawObstacles(canvas, world, scale, Pixel);
        for (var i = 0; i < trajectories.Count; i++)
            if (i != chosen)
                DrawPolyline(canvas, trajectories[i], Pixel, TrajectoryCollision.IsFree(world, trajectories[i])
                    ? new SKColor(30, 150, 60, 90) : new SKColor(220, 40, 40, 90), 1.2f);
        if (chosen >= 0 && chosen < trajectories.Count) DrawPolyline(canvas, trajectories[chosen], Pixel, new SKColor(20, 60, 220), 3f);
        DrawMarker(canvas, Pixel(start), new SKColor(0, 170, 0));
        DrawMarker(canvas, Pixel(goal), new SKColor(200, 0, 160));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static void Save(string path, World world, IReadOnlyList<Trajectory> trajectories, int chosen, Point2 start, Point2 goal, int pixels = 512)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllBytes(path, Png(world, trajectories, chosen, start, goal, pixels));
    }

    private static void DrawObstacles(SKCanvas canvas, World world, float scale, Func<Point2, SKPoint> pixel)
    {
        using var fill = new SKPaint { IsAntialias = true, Color = new SKColor(110, 110, 110), Style = SKPaintStyle.Fill };
        foreach (var obstacle in world.Obstacles)
            switch (obstacle)
            {
                case CircleObstacle c:
                    canvas.DrawCircle(pixel(c.Center), (float)c.Radius * scale, fill);
                    break;
                case BoxObstacle b:
                    var (lo, hi) = (pixel(b.Bounds.Min), pixel(b.Bounds.Max));
                    canvas.DrawRoundRect(new SKRect(lo.X, hi.Y, hi.X, lo.Y), (float)b.Rounding * scale, (float)b.Rounding * scale, fill);
                    break;
                default:
                    var (mn, mx) = (pixel(obstacle.Bounds.Min), pixel(obstacle.Bounds.Max));
                    canvas.DrawRect(new SKRect(mn.X, mx.Y, mx.X, mn.Y), fill);
                    break;
            }
    }

    private static void DrawPolyline(SKCanvas canvas, Trajectory t, Func<Point2, SKPoint> pixel, SKColor color, float width)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
        using var path = new SKPath();
        path.MoveTo(pixel(t.Position(0)));
        for (var i = 1; i < t.Length; i++) path.LineTo(pixel(t.Position(i)));
        canvas.DrawPath(path, paint);
    }

    private static void DrawMarker(SKCanvas canvas, SKPoint p, SKColor color)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = color, Style = SKPaintStyle.Fill };
        canvas.DrawCircle(p, 7, paint);
    }
}
