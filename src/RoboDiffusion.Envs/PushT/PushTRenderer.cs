using RoboDiffusion.Envs.Geometry;
using RoboDiffusion.Envs.Rendering;
using SkiaSharp;

namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// Draws Push-T as the original's pygame canvas (pusht_env.py <c>_render_frame</c> with diffusion_policy's
/// <c>pymunk_override.DrawOptions</c>): a 512×512 white canvas, the goal T filled LightGreen, LightGray walls, the agent
/// as a RoyalBlue disc with a lighter core (radius 15, core 11), the block filled with a lighter LightSlateGray and
/// outlined 4 px wide in LightSlateGray, drawn in that order without anti-aliasing; then resized bilinearly.
/// Not thread-safe: one renderer per environment.
/// </summary>
public sealed class PushTRenderer : IDisposable
{
    private const int Canvas = (int)PushTGeometry.WindowSize;
    private static readonly SKColor LightGreen = new(144, 238, 144);
    private static readonly SKColor LightGray = new(211, 211, 211);
    private static readonly SKColor RoyalBlue = new(65, 105, 225);
    private static readonly SKColor LightSlateGray = new(119, 136, 153);
    private readonly SKBitmap _bitmap = new(new SKImageInfo(Canvas, Canvas, SKColorType.Rgba8888, SKAlphaType.Opaque));
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill = new() { IsAntialias = false, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new()
    {
        IsAntialias = false, Style = SKPaintStyle.Stroke, StrokeWidth = 4, StrokeCap = SKStrokeCap.Round,
    };

    public PushTRenderer() => _canvas = new SKCanvas(_bitmap);

    /// <summary>
    /// pymunk_override.light_color: each channel × 1.2 in float32, capped at 255 and truncated to an integer.
    /// </summary>
    public static SKColor Lighten(SKColor c) => new(L(c.Red), L(c.Green), L(c.Blue));

    /// <summary>Renders the scene at <paramref name="size"/>×<paramref name="size"/> (96 for observations).</summary>
    public Frame Render(double agentX, double agentY, double blockX, double blockY, double blockAngle, int size = 96)
    {
        if (size is < 1 or > Canvas)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Render size must be in [1, {Canvas}].");
        DrawScene(agentX, agentY, blockX, blockY, blockAngle);
        return size == Canvas
            ? new Frame(Canvas, Canvas, ExtractRgb())
            : new Frame(size, size, Resize.Bilinear(_bitmap.GetPixelSpan(), Canvas, Canvas, size, size, bytesPerPixel: 4));
    }

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }

    private void DrawScene(double agentX, double agentY, double blockX, double blockY, double blockAngle)
    {
        _canvas.Clear(SKColors.White);
        var (goalBar, goalStem) = PushTGeometry.GoalPolygons();
        FillPolygon(goalBar, LightGreen);
        FillPolygon(goalStem, LightGreen);
        _stroke.Color = LightGray;
        foreach (var (a, b) in PushTGeometry.Walls)
            _canvas.DrawLine((float)a.X, (float)a.Y, (float)b.X, (float)b.Y, _stroke);
        _fill.Color = RoyalBlue;
        _canvas.DrawCircle((float)agentX, (float)agentY, (float)PushTGeometry.AgentRadius, _fill);
        _fill.Color = Lighten(RoyalBlue);
        _canvas.DrawCircle((float)agentX, (float)agentY, (float)PushTGeometry.AgentRadius - 4, _fill);
        var (bar, stem) = PushTGeometry.WorldPolygons(blockX, blockY, blockAngle);
        foreach (var poly in new[] { bar, stem })
        {
            FillPolygon(poly, Lighten(LightSlateGray));
            _stroke.Color = LightSlateGray;
            for (var i = 0; i < poly.Length; i++)
            {
                var (p, q) = (poly[i], poly[(i + 1) % poly.Length]);
                _canvas.DrawLine((float)p.X, (float)p.Y, (float)q.X, (float)q.Y, _stroke);
            }
        }
    }

    private void FillPolygon(Point2[] polygon, SKColor color)
    {
        using var path = new SKPath();
        path.MoveTo((float)polygon[0].X, (float)polygon[0].Y);
        for (var i = 1; i < polygon.Length; i++) path.LineTo((float)polygon[i].X, (float)polygon[i].Y);
        path.Close();
        _fill.Color = color;
        _canvas.DrawPath(path, _fill);
    }

    private byte[] ExtractRgb()
    {
        var rgba = _bitmap.GetPixelSpan();
        var rgb = new byte[Canvas * Canvas * 3];
        for (int p = 0, q = 0; p < rgb.Length; p += 3, q += 4)
        {
            rgb[p] = rgba[q];
            rgb[p + 1] = rgba[q + 1];
            rgb[p + 2] = rgba[q + 2];
        }
        return rgb;
    }

    private static byte L(byte v) => (byte)MathF.Min(1.2f * v, 255f);
}
