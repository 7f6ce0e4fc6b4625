namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>
/// An axis-aligned box with rounded corners, as torch_robotics primitives.py MultiBoxField: half-size h = size/2,
/// rounding r = 0.15·min(size), q = |x − c| − h + r, sdf = min(max(q), 0) + ‖max(q, 0)‖ − r.
/// </summary>
public sealed record BoxObstacle(Point2 Center, Point2 Size) : IObstacle
{
    /// <summary>Corner rounding radius r = 0.15·min(size).</summary>
    public double Rounding => 0.15 * Math.Min(Size.X, Size.Y);

    public double SignedDistance(Point2 p, out Point2 gradient)
    {
        var r = Rounding;
        var d = p - Center;
        var (sx, sy) = (d.X >= 0 ? 1.0 : -1.0, d.Y >= 0 ? 1.0 : -1.0);       // ∂|x−c|/∂x
        var qx = Math.Abs(d.X) - Size.X / 2 + r;
        var qy = Math.Abs(d.Y) - Size.Y / 2 + r;
        if (qx <= 0 && qy <= 0)
        {   // Inside the core box: sdf = max(q) − r, moving along the nearest face normal.
            gradient = qx >= qy ? new Point2(sx, 0) : new Point2(0, sy);
            return Math.Max(qx, qy) - r;
        }
        var (ox, oy) = (Math.Max(qx, 0), Math.Max(qy, 0));
        var norm = Math.Sqrt(ox * ox + oy * oy);
        gradient = new Point2(sx * ox / norm, sy * oy / norm);
        return norm - r;
    }

    public (Point2 Min, Point2 Max) Bounds => (Center - 0.5 * Size, Center + 0.5 * Size);
}
