namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>
/// A 2-D point-robot world as in MPD (Carvalho et al., IROS 2023; torch_robotics EnvBase + RobotPointMass): a rectangular
/// workspace, a point robot of radius <see cref="RobotMargin"/>, and obstacles whose signed distance field is the minimum
/// over the obstacles.
/// </summary>
public sealed class World
{
    public World(string name, IReadOnlyList<IObstacle> obstacles, Point2? min = null, Point2? max = null, double robotMargin = 0.01)
    {
        Name = name;
        _obstacles = [.. obstacles];
        _bounds = [.. _obstacles.Select(o => o.Bounds)];
        Min = min ?? new Point2(-1, -1);
        Max = max ?? new Point2(1, 1);
        RobotMargin = robotMargin;
        if (!(Min.X < Max.X && Min.Y < Max.Y)) throw new ArgumentException($"World '{name}': limits min {Min} must be below max {Max}.");
        if (!(robotMargin >= 0)) throw new ArgumentException($"World '{name}': robot margin must be ≥ 0, got {robotMargin}.");
    }

    private readonly IObstacle[] _obstacles;   // an array: the SDF loops run millions of times per plan, without enumerators
    private readonly (Point2 Min, Point2 Max)[] _bounds;

    public string Name { get; }
    public IReadOnlyList<IObstacle> Obstacles => _obstacles;

    /// <summary>Lower-left corner of the workspace (MPD: (-1, -1)).</summary>
    public Point2 Min { get; }

    /// <summary>Upper-right corner of the workspace (MPD: (1, 1)).</summary>
    public Point2 Max { get; }

    /// <summary>The point robot's radius: a point is free when sdf &gt; margin (RobotPointMass, 0.01).</summary>
    public double RobotMargin { get; }

    /// <summary>min over obstacles of their signed distance; +∞ in an empty world.</summary>
    public double SignedDistance(Point2 p) => SignedDistance(p, out _);

    /// <summary>The world's SDF with its (sub)gradient, the gradient of the nearest obstacle.</summary>
    public double SignedDistance(Point2 p, out Point2 gradient) => SignedDistanceBelow(p, double.PositiveInfinity, out gradient);

    /// <summary>
    /// The SDF where it is below <paramref name="cutoff"/>, else some value ≥ cutoff (+∞ with a zero gradient when no
    /// obstacle is near): obstacles whose bounding box, grown by the cutoff, does not contain <paramref name="p"/> are at
    /// least that far and are skipped (none with a cutoff of +∞: the full SDF). Collision hinges max(0, ε − sdf) need no
    /// more, at a fraction of the cost.
    /// </summary>
    public double SignedDistanceBelow(Point2 p, double cutoff, out Point2 gradient)
    {
        var best = double.PositiveInfinity;
        gradient = default;
        var grow = Math.Max(cutoff, 0);
        for (var i = 0; i < _obstacles.Length; i++)
        {
            var (min, max) = _bounds[i];
            if (p.X < min.X - grow || p.X > max.X + grow || p.Y < min.Y - grow || p.Y > max.Y + grow) continue;
            var d = _obstacles[i].SignedDistance(p, out var g);
            if (d < best) (best, gradient) = (d, g);
        }
        return best;
    }

    /// <summary>
    /// The SDF with the workspace boundary counted as an obstacle: min(sdf, distance to the nearest wall of the limits),
    /// negative outside the workspace. Optimisers use it so that pushing a path off an obstacle never pushes it out.
    /// </summary>
    public double Clearance(Point2 p, out Point2 gradient)
    {
        var best = SignedDistance(p, out gradient);
        ReadOnlySpan<(double D, Point2 G)> walls =
            [(p.X - Min.X, new(1, 0)), (Max.X - p.X, new(-1, 0)), (p.Y - Min.Y, new(0, 1)), (Max.Y - p.Y, new(0, -1))];
        foreach (var (d, g) in walls)
            if (d < best) (best, gradient) = (d, g);
        return best;
    }

    public bool InsideLimits(Point2 p) => p.X >= Min.X && p.X <= Max.X && p.Y >= Min.Y && p.Y <= Max.Y;

    /// <summary>True when the robot centred at <paramref name="p"/> lies in the workspace and clears every obstacle.</summary>
    public bool IsFree(Point2 p) => p.IsFinite && InsideLimits(p) && SignedDistance(p) > RobotMargin;

    /// <summary>
    /// Exact segment check by sphere tracing (Hart 1996): from each point advance by its clearance sdf − margin, which no
    /// obstacle can be closer than (the SDFs here are true distances outside obstacles). The workspace is convex, so the
    /// segment is inside it when both ends are. Steps never go below <see cref="MinTraceStep"/>.
    /// </summary>
    public bool IsSegmentFree(Point2 a, Point2 b)
    {
        if (!IsFree(a) || !IsFree(b)) return false;
        var length = a.DistanceTo(b);
        for (var t = 0.0; t < length;)
        {
            var clearance = SignedDistance(a.Lerp(b, t / length)) - RobotMargin;
            if (clearance <= 0) return false;
            t += Math.Max(clearance, MinTraceStep);
        }
        return true;
    }

    /// <summary>Smallest sphere-tracing step (a graze closer than this to the margin may be missed).</summary>
    public const double MinTraceStep = 1e-5;

    /// <summary>Checks every segment of a polyline exactly (<see cref="IsSegmentFree"/>).</summary>
    public bool IsPathFree(IReadOnlyList<Point2> path)
    {
        for (var i = 1; i < path.Count; i++)
            if (!IsSegmentFree(path[i - 1], path[i])) return false;
        return path.Count > 0 && IsFree(path[0]);
    }

    /// <summary>Throws a clear error when <paramref name="p"/> is not a valid free configuration.</summary>
    public void RequireFree(Point2 p, string what)
    {
        if (!p.IsFinite) throw new ArgumentException($"The {what} {p} is not a finite point.");
        if (!InsideLimits(p)) throw new ArgumentException($"The {what} {p} lies outside the workspace [{Min.X}, {Max.X}]×[{Min.Y}, {Max.Y}] of world '{Name}'.");
        if (SignedDistance(p) <= RobotMargin)
            throw new ArgumentException($"The {what} {p} lies inside an obstacle of world '{Name}' (signed distance {SignedDistance(p):0.####} ≤ robot margin {RobotMargin}).");
    }
}
