namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>A point (or vector) of the plane.</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);
    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);
    public static Point2 operator *(double s, Point2 a) => new(s * a.X, s * a.Y);

    /// <summary>Euclidean norm.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(Point2 other) => (other - this).Length;

    /// <summary>The point a fraction <paramref name="t"/> of the way to <paramref name="other"/>.</summary>
    public Point2 Lerp(Point2 other, double t) => new(X + t * (other.X - X), Y + t * (other.Y - Y));

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);

    public override string ToString() => FormattableString.Invariant($"({X:0.###}, {Y:0.###})");
}
