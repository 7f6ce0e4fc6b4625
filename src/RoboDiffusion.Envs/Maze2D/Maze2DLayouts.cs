namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// D4RL's maze strings (d4rl/pointmaze/maze_model.py U_MAZE, MEDIUM_MAZE, LARGE_MAZE), their episode lengths
/// (max_episode_steps 300/600/800) and normalized-score references (d4rl/infos.py REF_MIN_SCORE/REF_MAX_SCORE).
/// </summary>
public static class Maze2DLayouts
{
    /// <summary>The names the CLI accepts, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["umaze", "medium", "large"];

    public static MazeLayout Layout(Maze2DMaze maze) => maze switch
    {
        Maze2DMaze.UMaze => MazeLayout.Parse("umaze", ["#####", "#GOO#", "###O#", "#OOO#", "#####"]),
        Maze2DMaze.Medium => MazeLayout.Parse("medium",
            ["########", "#OO##OO#", "#OO#OOO#", "##OOO###", "#OO#OOO#", "#O#OO#O#", "#OOO#OG#", "########"]),
        Maze2DMaze.Large => MazeLayout.Parse("large",
        [
            "############", "#OOOO#OOOOO#", "#O##O#O#O#O#", "#OOOOOO#OOO#", "#O####O###O#",
            "#OO#O#OOOOO#", "##O#O#O#O###", "#OO#OOO#OGO#", "############",
        ]),
        _ => throw Unknown(maze.ToString()),
    };

    /// <summary>Episode length of the D4RL registration.</summary>
    public static int EpisodeSteps(Maze2DMaze maze) => maze switch
    {
        Maze2DMaze.UMaze => 300,
        Maze2DMaze.Medium => 600,
        Maze2DMaze.Large => 800,
        _ => throw Unknown(maze.ToString()),
    };

    /// <summary>D4RL's (random, expert) returns of maze2d-*-v1, the 0 and 100 of the normalized score.</summary>
    public static (double Min, double Max) ScoreReference(Maze2DMaze maze) => maze switch
    {
        Maze2DMaze.UMaze => (23.85, 161.86),
        Maze2DMaze.Medium => (13.13, 277.39),
        Maze2DMaze.Large => (6.7, 273.99),
        _ => throw Unknown(maze.ToString()),
    };

    /// <summary>D4RL's <c>get_normalized_score</c> × 100: 100·(R − min)/(max − min).</summary>
    public static double NormalizedScore(Maze2DMaze maze, double episodeReturn)
    {
        var (min, max) = ScoreReference(maze);
        return 100 * (episodeReturn - min) / (max - min);
    }

    /// <summary>Parses "umaze", "medium" or "large" (case-insensitive; "u-maze" accepted).</summary>
    public static Maze2DMaze Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "umaze" or "u-maze" => Maze2DMaze.UMaze,
        "medium" => Maze2DMaze.Medium,
        "large" => Maze2DMaze.Large,
        _ => throw Unknown(name),
    };

    public static string Name(Maze2DMaze maze) => Names[(int)maze];

    private static ArgumentException Unknown(string? name) =>
        new($"Unknown maze '{name}'. Valid names: {string.Join(", ", Names)}.");
}
