using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Tests.Envs.Maze2D;

public sealed class Maze2DEnvTests
{
    private static readonly double Mass = 4.0 / 3.0 * Math.PI * 1e-3 * 1000;

    // P-D law toward a fixed point, the shape of D4RL's waypoint controller.
    private static double[] Pd(double[] o, double tx, double ty) =>
        [10 * (tx - o[0]) - o[2], 10 * (ty - o[1]) - o[3]];

    [Fact]
    public void Pd_controlled_ball_reaches_and_holds_a_target_in_free_space()
    {
        using var env = new Maze2DEnv();
        var o = env.SetState([3, 1], [0, 0]);
        for (var t = 0; t < 200; t++) o = env.Step(Pd(o, 3, 3)).Observation;
        Assert.InRange(Math.Abs(o[0] - 3) + Math.Abs(o[1] - 3), 0, 0.01);
        for (var t = 0; t < 100; t++)
        {
            o = env.Step(Pd(o, 3, 3)).Observation;
            Assert.InRange(Math.Abs(o[0] - 3) + Math.Abs(o[1] - 3), 0, 0.01);
        }
    }

    [Fact]
    public void Wall_cells_stop_the_ball()
    {   // U-Maze row 2 is "###O#": driving from (3, 1) straight at (1, 1) hits wall (2, 1), a box spanning world
        // x ∈ [2.5, 3.5]; the ball (r = 0.1) rests at world x = 3.6, i.e. qpos x = 3.6 − 1.2 = 2.4, less a soft-contact mm.
        // MuJoCo's contacts are soft, so the impact at up to 5 units/s dents the wall by a few centimetres, far from crossing it.
        using var env = new Maze2DEnv();
        var o = env.SetState([3, 1], [0, 0]);
        var minX = double.MaxValue;
        for (var t = 0; t < 300; t++)
        {
            o = env.Step(Pd(o, 1, 1)).Observation;
            minX = Math.Min(minX, o[0]);
        }
        Assert.InRange(minX, 2.3, 2.41);
        Assert.InRange(o[0], 2.39, 2.41);                             // pressed against the wall, not through it
        Assert.Equal(1.0, o[1], 2);
    }

    [Fact]
    public void Velocity_is_clipped_to_5_before_each_step()
    {   // Full thrust along the bottom corridor; once clipped, every step starts at v = 5 and ends at
        // 5 + h·(100 − 5)/(m + h) (implicit damping), which is what the observation shows.
        using var env = new Maze2DEnv();
        var o = env.SetState([3, 0.5], [0, 0]);
        var expected = 5 + 0.01 * (100 - 5) / (Mass + 0.01);
        var clippedSteps = 0;
        while (o[1] < 3.0)
        {
            var before = o[3];
            o = env.Step([0, 1]).Observation;
            if (before < 5) continue;
            Assert.Equal(expected, o[3], 9);
            clippedSteps++;
        }
        Assert.True(clippedSteps >= 3, $"only {clippedSteps} steps at the speed limit");
    }

    [Fact]
    public void Same_seed_and_actions_give_identical_trajectories()
    {
        using var a = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DMaze.Medium });
        using var b = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DMaze.Medium });
        Assert.Equal(a.Reset(7), b.Reset(7));
        var rng = new System.Random(1);
        for (var t = 0; t < 300; t++)
        {
            double[] action = [2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1];
            Assert.Equal(a.Step(action), b.Step(action), new StepComparer());
        }
        Assert.NotEqual(a.Reset(7), a.Reset(8));
    }

    [Theory]
    [InlineData(Maze2DMaze.UMaze)]
    [InlineData(Maze2DMaze.Large)]
    public void Reset_draws_a_free_cell_plus_at_most_0_1_of_noise(Maze2DMaze maze)
    {
        using var env = new Maze2DEnv(new Maze2DConfig { Maze = maze, MultiGoal = true });
        var cells = new HashSet<MazeCell>();
        for (var seed = 0; seed < 1000; seed++)
        {
            var o = env.Reset(seed);
            var cell = new MazeCell((int)Math.Round(o[0]), (int)Math.Round(o[1]));
            Assert.Contains(cell, env.Layout.ResetCells);
            Assert.InRange(Math.Abs(o[0] - cell.Row), 0, 0.1);
            Assert.InRange(Math.Abs(o[1] - cell.Col), 0, 0.1);
            Assert.InRange(Math.Abs(o[2]), 0, 0.6);                   // N(0, 0.1²): 6σ
            var goal = new MazeCell((int)Math.Round(env.Goal.X), (int)Math.Round(env.Goal.Y));
            Assert.Contains(goal, env.Layout.ResetCells);
            cells.Add(cell);
        }
        Assert.Equal(env.Layout.ResetCells.Count, cells.Count);       // every free cell is drawn
    }

    [Fact]
    public void Sparse_reward_is_one_within_half_a_unit_of_the_goal()
    {
        using var env = new Maze2DEnv();                              // U-Maze goal 'G' at (1, 1)
        Assert.Equal((1.0, 1.0), env.Goal);
        env.SetState([1, 1.45], [0, 0]);
        Assert.Equal(1.0, env.Step([0, 0]).Reward);
        env.SetState([1, 1.55], [0, 0]);
        Assert.Equal(0.0, env.Step([0, 0]).Reward);
    }

    [Fact]
    public void Episode_is_truncated_at_the_d4rl_length()
    {
        using var env = new Maze2DEnv();
        env.Reset(0);
        for (var t = 1; t < 300; t++) Assert.False(env.Step([0, 0]).Truncated);
        var last = env.Step([0, 0]);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
    }

    [Fact]
    public void Bad_inputs_get_clear_errors()
    {
        using var env = new Maze2DEnv();
        Assert.Throws<InvalidOperationException>(() => env.Step([0, 0]));
        env.Reset(0);
        Assert.Contains("2 values", Assert.Throws<ArgumentException>(() => env.Step([0, 0, 0])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => env.Step([double.NaN, 0])).Message);
        Assert.Contains("inside a wall", Assert.Throws<ArgumentException>(() => env.SetState([2, 1], [0, 0])).Message);
        Assert.Contains("inside a wall", Assert.Throws<ArgumentException>(() => env.SetState([1.25, 1], [0, 0])).Message);
        Assert.Throws<ArgumentException>(() => env.SetGoal(2, 1));
        var unknown = Assert.Throws<ArgumentException>(() => Maze2DLayouts.Parse("bogus"));
        Assert.Contains("umaze, medium, large", unknown.Message);
    }

    [Fact]
    public void Render_draws_walls_floor_and_ball_where_they_are()
    {
        using var env = new Maze2DEnv();
        env.SetState([3, 2], [0, 0]);
        var f = env.Render(cellPixels: 20);
        Assert.Equal((100, 100), (f.Width, f.Height));
        Assert.Equal(((byte)178, (byte)127, (byte)76), f[10, 10]);    // wall cell (0, 0)
        // Ball at world (4.2, 3.2): pixel column (3.2 − 0.5)·20 = 54, row (4.2 − 0.5)·20 = 74.
        Assert.Equal(((byte)0, (byte)0, (byte)255), f[54, 74]);
        Assert.Equal(((byte)235, (byte)235, (byte)235), f[54, 66]);   // floor 0.4 above it
    }

    private sealed class StepComparer : IEqualityComparer<Maze2DStepResult>
    {
        public bool Equals(Maze2DStepResult? x, Maze2DStepResult? y) =>
            x!.Observation.SequenceEqual(y!.Observation) && x.Reward == y.Reward && x.Truncated == y.Truncated;
        public int GetHashCode(Maze2DStepResult obj) => 0;
    }
}
