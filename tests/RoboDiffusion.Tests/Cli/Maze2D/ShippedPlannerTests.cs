namespace RoboDiffusion.Tests.Cli.Maze2D;

/// <summary>The Diffuser planners shipped in models/ (trained here on the project's own maze data) in the MuJoCo mazes.</summary>
[Collection("Console")]
public sealed class ShippedPlannerTests : IDisposable
{
    private readonly CliJsonRuns _runs = new("robodiff-shipped-diffuser-");

    public void Dispose() => _runs.Dispose();

    private static string ShippedPlanner(string maze) => RepositoryPaths.Of($"models/diffuser_maze2d_{maze}");

    private double MeanScore(string maze, params string[] extra) =>
        _runs.Run(["eval", "maze2d", "--maze", maze, "--policy", ShippedPlanner(maze), "--episodes", "10", "--seed", "0", .. extra])
            .GetProperty("mean").GetDouble();

    [Fact]
    public void The_shipped_umaze_planner_reaches_the_goal_like_diffuser()
    {   // Never reaching the goal scores ≈ −17; unguided plans without the goal score ≈ 5; the expert ≈ 139, Diffuser 113.9.
        var score = MeanScore("umaze");
        Assert.True(score >= 60, $"shipped U-Maze planner mean normalized score {score:F1} on seeds 0…9");
    }

    [Fact]
    public void Replanning_every_32_steps_still_reaches_the_goal()
    {   // Replans keep the first plan's arrival; replans that put the goal a full horizon ahead each time scored ≈ −9 (the
        // ball never arrives) against ≈ 124 for planning once on seeds 1000…1099.
        var score = MeanScore("umaze", "--replan", "32");
        Assert.True(score >= 60, $"shipped U-Maze planner replanning every 32 steps: mean normalized score {score:F1} on seeds 0…9");
    }

    [Fact]
    public void The_shipped_medium_planner_reaches_the_goal_like_diffuser()
    {   // Never reaching the goal scores ≈ −5; the expert ≈ 155 on seeds 0…99, Diffuser 121.5.
        var score = MeanScore("medium");
        Assert.True(score >= 70, $"shipped Medium planner mean normalized score {score:F1} on seeds 0…9");
    }

    [Fact]
    public void The_shipped_large_planner_reaches_the_goal_in_some_episodes()
    {   // With Diffuser's full-noise DDPM about two in five of its plans cut through walls (its model card). Never reaching
        // the goal scores ≈ −2.5, the expert ≈ 190, Diffuser 123.0; an arriving episode scores ≈ 50-170, so ≥ 10 takes one
        // or two arrivals in ten.
        var score = MeanScore("large");
        Assert.True(score >= 10, $"shipped Large planner mean normalized score {score:F1} on seeds 0…9");
    }

    [Fact]
    public void The_shipped_large_planner_at_s_noise_0_reaches_the_goal_in_most_episodes()
    {   // Without the sampler's fresh noise the ball keeps up with the plans: 134.9 on seeds 0…99 (9 never arrive), every
        // block of ten seeds ≥ 90 there. ≥ 60 takes at least five arrivals in ten.
        var score = MeanScore("large", "--s-noise", "0");
        Assert.True(score >= 60, $"shipped Large planner at s_noise 0: mean normalized score {score:F1} on seeds 0…9");
    }
}
