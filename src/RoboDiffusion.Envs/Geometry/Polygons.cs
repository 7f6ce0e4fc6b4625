namespace RoboDiffusion.Envs.Geometry;

/// <summary>
/// Exact-up-to-rounding polygon areas and convex intersections: the shoelace formula and Sutherland–Hodgman clipping
/// (Sutherland and Hodgman 1974). The Push-T coverage is a sum of convex-piece intersections, so no general clipper is needed.
/// </summary>
public static class Polygons
{
    /// <summary>Signed area by the shoelace formula: positive for counter-clockwise vertices (y up).</summary>
    public static double SignedArea(ReadOnlySpan<Point2> polygon)
    {
        var sum = 0.0;
        for (var i = 0; i < polygon.Length; i++)
        {
            var p = polygon[i];
            var q = polygon[(i + 1) % polygon.Length];
            sum += p.X * q.Y - q.X * p.Y;
        }
        return 0.5 * sum;
    }

    /// <summary>Unsigned area of a simple polygon.</summary>
    public static double Area(ReadOnlySpan<Point2> polygon) => Math.Abs(SignedArea(polygon));

    /// <summary>
    /// Intersection of two convex polygons (either orientation): the subject is clipped against every edge of the
    /// clip polygon in turn. Returns an empty array when they do not overlap.
    /// </summary>
    public static Point2[] IntersectConvex(ReadOnlySpan<Point2> subject, ReadOnlySpan<Point2> clip)
    {
        var sign = SignedArea(clip) >= 0 ? 1.0 : -1.0;     // inside = left of each edge for CCW clip polygons
        var output = new List<Point2>(subject.ToArray());
        for (var i = 0; i < clip.Length && output.Count > 0; i++)
        {
            var a = clip[i];
            var b = clip[(i + 1) % clip.Length];
            output = ClipByEdge(output, a, b, sign);
        }
        return [.. output];
    }

    /// <summary>Area of the intersection of two convex polygons.</summary>
    public static double IntersectionArea(ReadOnlySpan<Point2> a, ReadOnlySpan<Point2> b)
    {
        var poly = IntersectConvex(a, b);
        return poly.Length < 3 ? 0.0 : Area(poly);
    }

    private static List<Point2> ClipByEdge(List<Point2> input, Point2 a, Point2 b, double sign)
    {
        var result = new List<Point2>(input.Count + 2);
        for (var i = 0; i < input.Count; i++)
        {
            var p = input[i];
            var q = input[(i + 1) % input.Count];
            var sp = sign * Side(a, b, p);
            var sq = sign * Side(a, b, q);
            if (sp >= 0) result.Add(p);
            if ((sp >= 0) != (sq >= 0)) result.Add(Lerp(p, q, sp / (sp - sq)));
        }
        return result;
    }

    // Cross product (b − a) × (p − a): > 0 when p lies left of the directed edge a→b.
    private static double Side(Point2 a, Point2 b, Point2 p) => (b.X - a.X) * (p.Y - a.Y) - (b.Y - a.Y) * (p.X - a.X);

    private static Point2 Lerp(Point2 p, Point2 q, double t) => new(p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y));
}
