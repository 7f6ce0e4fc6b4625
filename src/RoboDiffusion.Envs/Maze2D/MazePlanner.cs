namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// Shortest paths over free cells with 4-connected moves (breadth-first search). D4RL's waypoint controller gets its
/// path from Q-iteration on the same grid (gridcraft, discount 0.99), which also yields a shortest path; ties may differ.
/// </summary>
public static class MazePlanner
{
    private static readonly (int Di, int Dj)[] Moves = [(-1, 0), (1, 0), (0, -1), (0, 1)];

    /// <summary>
    /// Cells after <paramref name="start"/> up to and including <paramref name="goal"/> (empty when they are equal).
    /// The start may be a wall cell (a ball hugging a wall can round into one); the path only enters free cells.
    /// </summary>
    public static IReadOnlyList<MazeCell> ShortestPath(MazeLayout layout, MazeCell start, MazeCell goal)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.IsWall(goal)) throw new ArgumentException($"Goal cell {goal} is a wall of maze '{layout.Name}'.", nameof(goal));
        if (start == goal) return [];
        var parent = new Dictionary<MazeCell, MazeCell> { [start] = start };
        var queue = new Queue<MazeCell>([start]);
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            foreach (var (di, dj) in Moves)
            {
                var n = new MazeCell(c.Row + di, c.Col + dj);
                if (layout.IsWall(n) || !parent.TryAdd(n, c)) continue;
                if (n == goal) return Trace(parent, start, goal);
                queue.Enqueue(n);
            }
        }
        throw new ArgumentException($"No path from {start} to {goal} in maze '{layout.Name}'.");
    }

    private static List<MazeCell> Trace(Dictionary<MazeCell, MazeCell> parent, MazeCell start, MazeCell goal)
    {
        var path = new List<MazeCell>();
        for (var c = goal; c != start; c = parent[c]) path.Add(c);
        path.Reverse();
        return path;
    }
}
