namespace RoboDiffusion.Envs.Maze2D;

/// <summary>The D4RL Maze2D layouts (maze2d-umaze/medium/large-v1).</summary>
public enum Maze2DMaze
{
    UMaze,
    Medium,
    Large,
}
