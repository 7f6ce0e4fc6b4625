namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// Diffuser's episode split of the continuous maze2d stream (jannerm/diffuser datasets/preprocessing.py
/// <c>maze2d_set_terminals</c>): step t ends an episode when the ball is within 0.5 of the maze's goal at t
/// (strictly, ‖p − g‖ &lt; 0.5) and not at t + 1, i.e. where it leaves the goal region. The stretch after the last
/// exit is kept as the final episode.
/// </summary>
public static class Maze2DSegments
{
    /// <summary>(start, length) of each episode over <paramref name="positions"/> (x, y per step).</summary>
    public static IReadOnlyList<(int Start, int Length)> Split(IReadOnlyList<(double X, double Y)> positions, (double X, double Y) goal, double radius = 0.5)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var result = new List<(int, int)>();
        var start = 0;
        for (var t = 0; t < positions.Count - 1; t++)
        {
            if (AtGoal(positions[t], goal, radius) && !AtGoal(positions[t + 1], goal, radius))
            {
                result.Add((start, t + 1 - start));
                start = t + 1;
            }
        }
        if (start < positions.Count) result.Add((start, positions.Count - start));
        return result;
    }

    private static bool AtGoal((double X, double Y) p, (double X, double Y) g, double radius) =>
        Maze2DGeometry.Length(p.X - g.X, p.Y - g.Y) < radius;
}
