namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// D4RL's maze geometry (maze_model.py <c>point_maze</c>): wall cell (i, j) is a box of half-size 0.5 centred at world
/// (i + 1, j + 1); the particle body sits at world (1.2, 1.2), so its slide-joint qpos (the observation) is the world
/// position minus 1.2. Cell (i, j) therefore spans qpos [i − 0.7, i + 0.3] × [j − 0.7, j + 0.3]: the cell's integer
/// coordinates, where resets and goals are placed, lie 0.2 off its centre, a quirk of D4RL kept for fidelity.
/// </summary>
public static class Maze2DGeometry
{
    /// <summary>World position of the particle body (qpos = 0).</summary>
    public const double ParticleOffset = 1.2;
    /// <summary>Radius of the particle sphere.</summary>
    public const double Radius = 0.1;
    /// <summary>Half side of a wall box.</summary>
    public const double WallHalfSize = 0.5;

    /// <summary>Euclidean length of (dx, dy): the one distance of the maze's goal radius, waypoints and walls.</summary>
    public static double Length(double dx, double dy) => Math.Sqrt(dx * dx + dy * dy);

    /// <summary>World coordinates of observation coordinates (x, y).</summary>
    public static (double X, double Y) World(double x, double y) => (x + ParticleOffset, y + ParticleOffset);

    /// <summary>The cell containing observation coordinates (x, y) (not the nearest integer point: see the class remarks).</summary>
    public static MazeCell ContainingCell(double x, double y)
    {
        var (wx, wy) = World(x, y);
        return new((int)Math.Floor(wx - WallHalfSize), (int)Math.Floor(wy - WallHalfSize));
    }

    /// <summary>True if a sphere of <paramref name="radius"/> at observation coordinates (x, y) overlaps no wall and lies inside the grid.</summary>
    public static bool IsFree(MazeLayout layout, double x, double y, double radius = Radius)
    {
        var (wx, wy) = World(x, y);
        if (wx - radius < WallHalfSize || wy - radius < WallHalfSize
            || wx + radius > layout.Height + WallHalfSize || wy + radius > layout.Width + WallHalfSize) return false;
        var c = ContainingCell(x, y);
        if (layout.IsWall(c)) return false;
        for (var i = c.Row - 1; i <= c.Row + 1; i++)
            for (var j = c.Col - 1; j <= c.Col + 1; j++)
                if (layout.IsWall(new(i, j)) && BoxDistance(wx, wy, i + 1.0, j + 1.0) < radius) return false;
        return true;
    }

    /// <summary>
    /// True if the polyline <paramref name="path"/> touches a wall box or leaves the grid: a plan that passes through a wall,
    /// by a waypoint inside it or by a jump between waypoints across it (a badly denoised plan can leap from its inpainted start).
    /// </summary>
    public static bool EntersWall(MazeLayout layout, IEnumerable<(double X, double Y)> path)
    {
        var points = path.ToList();
        return (points.Count > 0 && !IsFree(layout, points[0].X, points[0].Y, radius: 0))
               || points.Zip(points.Skip(1)).Any(s => SegmentEntersWall(layout, s.First, s.Second));
    }

    // Samples segment a→b every ≤ 0.02, far under a wall's 1-unit width, b included.
    private static bool SegmentEntersWall(MazeLayout layout, (double X, double Y) a, (double X, double Y) b)
    {
        var pieces = Math.Max(1, (int)Math.Ceiling(Length(b.X - a.X, b.Y - a.Y) / 0.02));
        return Enumerable.Range(1, pieces).Any(k => !IsFree(layout, a.X + (b.X - a.X) * k / pieces, a.Y + (b.Y - a.Y) * k / pieces, radius: 0));
    }

    // Euclidean distance from a point to an axis-aligned wall box centred at (cx, cy).
    private static double BoxDistance(double x, double y, double cx, double cy)
    {
        var dx = Math.Max(Math.Abs(x - cx) - WallHalfSize, 0);
        var dy = Math.Max(Math.Abs(y - cy) - WallHalfSize, 0);
        return Length(dx, dy);
    }
}
