namespace RoboDiffusion.Tests.Cli.Maze2D;

/// <summary>The Diffuser planner shipped in models/ (trained here on the project's own U-Maze data) in the MuJoCo maze.</summary>
[Collection("Console")]
public sealed class ShippedPlannerTests : IDisposable
{
    private readonly CliJsonRuns _runs = new("robodiff-shipped-diffuser-");

    public void Dispose() => _runs.Dispose();

    private static string ShippedPlanner() => RepositoryPaths.Of("models/diffuser_maze2d_umaze");

    private double MeanScore(params string[] extra) =>
        _runs.Run(["eval", "maze2d", "--maze", "umaze", "--policy", ShippedPlanner(), "--episodes", "10", "--seed", "0", .. extra])
            .GetProperty("mean").GetDouble();

    [Fact]
    public void The_shipped_umaze_planner_reaches_the_goal_like_diffuser()
    {   // Never reaching the goal scores ≈ −17; unguided plans without the goal score ≈ 5; the expert ≈ 139, Diffuser 113.9.
        var score = MeanScore();
        Assert.True(score >= 60, $"shipped U-Maze planner mean normalized score {score:F1} on seeds 0…9");
    }
}
