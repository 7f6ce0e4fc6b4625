namespace RoboDiffusion.Envs.Maze2D;

/// <summary>A maze cell: <paramref name="Row"/> indexes the layout's lines and is the x axis of D4RL's maze, <paramref name="Col"/> the y axis.</summary>
public readonly record struct MazeCell(int Row, int Col)
{
    public override string ToString() => $"({Row}, {Col})";
}
