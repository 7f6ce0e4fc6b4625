namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// A maze grid as D4RL's <c>maze_model.parse_maze</c> reads it: one string per row, '#' wall, 'O' (or ' ', '0') free,
/// 'G' the goal (at most one). Row i is D4RL's x coordinate, column j its y coordinate.
/// </summary>
public sealed class MazeLayout
{
    private readonly bool[,] _wall;

    private MazeLayout(string name, IReadOnlyList<string> rows, bool[,] wall, MazeCell? goal)
    {
        Name = name;
        Rows = rows;
        _wall = wall;
        Goal = goal;
        Empty = [.. Cells().Where(c => !IsWall(c) && c != goal)];   // row-major = D4RL's sorted reset_locations
        ResetCells = goal is { } g ? [.. Empty, g] : Empty;          // D4RL's empty_and_goal_locations
    }

    public string Name { get; }
    public IReadOnlyList<string> Rows { get; }
    public int Height => _wall.GetLength(0);
    public int Width => _wall.GetLength(1);

    /// <summary>The 'G' cell, or null when the layout has none.</summary>
    public MazeCell? Goal { get; }

    /// <summary>Free cells other than the goal, row-major.</summary>
    public IReadOnlyList<MazeCell> Empty { get; }

    /// <summary>The cells reset (and the multi-goal target) draw from: <see cref="Empty"/> then the goal, in D4RL's order.</summary>
    public IReadOnlyList<MazeCell> ResetCells { get; }

    /// <summary>True for '#' cells and for anything outside the grid.</summary>
    public bool IsWall(MazeCell c) => c.Row < 0 || c.Col < 0 || c.Row >= Height || c.Col >= Width || _wall[c.Row, c.Col];

    /// <summary>Every cell, row-major.</summary>
    public IEnumerable<MazeCell> Cells()
    {
        for (var i = 0; i < Height; i++)
            for (var j = 0; j < Width; j++) yield return new(i, j);
    }

    /// <summary>The cell whose centre is nearest to maze coordinates (x, y): D4RL's <c>gridify_state</c>, round half to even.</summary>
    public static MazeCell CellOf(double x, double y) => new((int)Math.Round(x), (int)Math.Round(y));

    /// <summary>Parses rows of '#', 'O'/' '/'0' and 'G'; rows must be non-empty and of equal length.</summary>
    public static MazeLayout Parse(string name, IReadOnlyList<string> rows)
    {
        if (rows.Count == 0 || rows[0].Length == 0) throw new ArgumentException($"Maze '{name}' has no cells.");
        var width = rows[0].Length;
        var wall = new bool[rows.Count, width];
        MazeCell? goal = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != width)
                throw new ArgumentException($"Maze '{name}': row {i} has {rows[i].Length} cells, row 0 has {width}.");
            for (var j = 0; j < width; j++)
            {
                switch (rows[i][j])
                {
                    case '#': wall[i, j] = true; break;
                    case 'O' or ' ' or '0': break;
                    case 'G' when goal is null: goal = new(i, j); break;
                    case 'G': throw new ArgumentException($"Maze '{name}' has more than one goal 'G'.");
                    default: throw new ArgumentException($"Maze '{name}': unknown tile '{rows[i][j]}' at row {i}, column {j} (use '#', 'O', 'G').");
                }
            }
        }
        return new MazeLayout(name, rows, wall, goal);
    }
}
