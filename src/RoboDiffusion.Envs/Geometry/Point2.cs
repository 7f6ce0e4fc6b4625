namespace RoboDiffusion.Envs.Geometry;

/// <summary>A point or vector in the plane (world units; Push-T uses pixels of the 512×512 window, y pointing down on screen).</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Point2 operator *(double s, Point2 p) => new(s * p.X, s * p.Y);

    /// <summary>Rotates by <paramref name="angle"/> radians (counter-clockwise for y up) and translates by <paramref name="offset"/>.</summary>
    public Point2 Transform(double angle, Point2 offset)
    {
        var (s, c) = Math.SinCos(angle);
        return new(c * X - s * Y + offset.X, s * X + c * Y + offset.Y);
    }

    public double Length => Math.Sqrt(X * X + Y * Y);
}
