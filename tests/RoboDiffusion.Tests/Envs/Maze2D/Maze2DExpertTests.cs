using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Tests.Envs.Maze2D;

public sealed class Maze2DExpertTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Waypoint_expert_reaches_the_umaze_goal_within_the_episode(long seed)
    {
        using var env = new Maze2DEnv();
        var result = Maze2DExpert.Play(env, seed);
        Assert.Equal(300, result.Steps);
        Assert.InRange(result.FirstRewardStep, 1, 250);
        var o = env.Observation();
        Assert.InRange(Math.Sqrt((o[0] - 1) * (o[0] - 1) + (o[1] - 1) * (o[1] - 1)), 0, 0.1);   // settled on the goal
        Assert.Equal(300 - result.FirstRewardStep + 1, result.Return);                         // and it stayed there
    }

    [Theory]
    [InlineData(Maze2DMaze.UMaze)]
    [InlineData(Maze2DMaze.Medium)]
    public void D4rl_reference_protocol_reproduces_the_published_expert_score(Maze2DMaze maze)
    {   // D4RL's ref_max_score comes from scripts/reference_scores/maze2d_controller.py: 100 episodes, one controller
        // reused for all (so it keeps its first plan). Normalized, that protocol scores 100 by definition; ±2.5 standard
        // errors (≈ 10 points here) is the tolerance of a 100-episode estimate.
        using var env = new Maze2DEnv(new Maze2DConfig { Maze = maze });
        var shared = new Maze2DWaypointController(env.Layout, seed: 0);
        var scores = Enumerable.Range(0, 100).Select(i => Maze2DExpert.Play(env, i, controller: shared).NormalizedScore).ToList();
        var mean = scores.Average();
        var se = Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / 99 / 100);
        Assert.InRange(mean, 100 - 2.5 * se, 100 + 2.5 * se);
    }

    [Fact]
    public void Planner_finds_the_shortest_path_around_the_u()
    {
        var layout = Maze2DLayouts.Layout(Maze2DMaze.UMaze);
        var path = MazePlanner.ShortestPath(layout, new(3, 1), new(1, 1));
        Assert.Equal(new MazeCell[] { new(3, 2), new(3, 3), new(2, 3), new(1, 3), new(1, 2), new(1, 1) }, path);
        Assert.Empty(MazePlanner.ShortestPath(layout, new(1, 1), new(1, 1)));
        Assert.Throws<ArgumentException>(() => MazePlanner.ShortestPath(layout, new(3, 1), new(2, 1)));
    }

    [Fact]
    public void Layouts_follow_d4rl_coordinates_and_reset_order()
    {
        var u = Maze2DLayouts.Layout(Maze2DMaze.UMaze);
        Assert.Equal(new MazeCell(1, 1), u.Goal);
        // D4RL: sorted EMPTY cells, then the goal (empty_and_goal_locations).
        Assert.Equal(new MazeCell[] { new(1, 2), new(1, 3), new(2, 3), new(3, 1), new(3, 2), new(3, 3), new(1, 1) }, u.ResetCells);
        Assert.Equal(new MazeCell(6, 6), Maze2DLayouts.Layout(Maze2DMaze.Medium).Goal);
        Assert.Equal(new MazeCell(7, 9), Maze2DLayouts.Layout(Maze2DMaze.Large).Goal);
        Assert.Equal((9, 12), (Maze2DLayouts.Layout(Maze2DMaze.Large).Height, Maze2DLayouts.Layout(Maze2DMaze.Large).Width));
        Assert.Throws<ArgumentException>(() => MazeLayout.Parse("bad", ["#G#", "GO#"]));
        Assert.Throws<ArgumentException>(() => MazeLayout.Parse("bad", ["#X#"]));
    }

    [Theory]
    [InlineData(Maze2DMaze.UMaze, 23.85, 161.86)]
    [InlineData(Maze2DMaze.Medium, 13.13, 277.39)]
    [InlineData(Maze2DMaze.Large, 6.7, 273.99)]
    public void Normalized_score_maps_d4rl_references_to_0_and_100(Maze2DMaze maze, double min, double max)
    {
        Assert.Equal(0, Maze2DLayouts.NormalizedScore(maze, min), 12);
        Assert.Equal(100, Maze2DLayouts.NormalizedScore(maze, max), 12);
        Assert.Equal(50, Maze2DLayouts.NormalizedScore(maze, (min + max) / 2), 12);
        Assert.Equal(-100 * min / (max - min), Maze2DLayouts.NormalizedScore(maze, 0), 12);
    }

    [Fact]
    public void Episodes_split_where_the_ball_leaves_the_goal_region()
    {   // Diffuser: step t ends an episode iff at goal (distance < 0.5) at t and not at t + 1.
        (double, double)[] p = [(3, 3), (1.3, 1), (1, 1), (1.6, 1), (3, 3), (1.2, 1), (1.5, 1), (2, 1)];
        Assert.Equal([(0, 3), (3, 3), (6, 2)], Maze2DSegments.Split(p, (1, 1)));
        Assert.Equal([(0, 2)], Maze2DSegments.Split([(3, 3), (1, 1)], (1, 1)));
    }

    [Fact]
    public void Wandering_collector_is_deterministic_and_reaches_many_targets()
    {
        var a = new Maze2DDataCollector(Maze2DMaze.UMaze, seed: 3).Collect(2000);
        var b = new Maze2DDataCollector(Maze2DMaze.UMaze, seed: 3).Collect(2000);
        Assert.Equal(a.Select(t => t.Observation[0]), b.Select(t => t.Observation[0]));
        var targets = a.Select(t => t.Target).Distinct().Count();
        Assert.True(targets >= 5, $"only {targets} targets in 2000 steps");
        Assert.All(a, t => Assert.InRange(Math.Abs(t.Action[0]), 0, 1));
        for (var t = 1; t < a.Count; t++)       // observations chain: each starts where the previous step's physics left it
            Assert.NotEqual(a[t - 1].Observation, a[t].Observation);
    }

    [Fact]
    public void Collector_adds_D4RLs_noisy_action_noise_by_default()
    {   // D4RL's --noisy: a + 0.5·N(0, 1), clipped to [−1, 1]. The bare controller saturates most of the time (Kp = 10);
        // with the noise the actions spread over the whole range.
        Assert.Equal(0.5, Maze2DDataCollector.NoisyActionStd);
        var noisy = new Maze2DDataCollector(Maze2DMaze.UMaze, seed: 3).Collect(2000);
        var bare = new Maze2DDataCollector(Maze2DMaze.UMaze, seed: 3, actionNoise: 0).Collect(2000);
        static double Interior(IReadOnlyList<Maze2DTransition> s) => s.Average(t => Math.Abs(t.Action[0]) < 0.9 ? 1.0 : 0.0);
        Assert.All(noisy, t => Assert.All(t.Action, a => Assert.InRange(a, -1, 1)));
        Assert.True(Interior(noisy) > Interior(bare) + 0.1, $"interior actions: noisy {Interior(noisy):P0}, bare {Interior(bare):P0}");
        Assert.Throws<ArgumentException>(() => new Maze2DDataCollector(Maze2DMaze.UMaze, seed: 3, actionNoise: -1).Collect(10));
    }
}
