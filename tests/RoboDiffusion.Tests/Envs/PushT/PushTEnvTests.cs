using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Envs.PushT;

public sealed class PushTEnvTests
{
    // A path that sweeps through the block of seed 0 (block at (217, 292)), so contacts happen.
    private static double[] Action(int t) => [217 + 60 * Math.Sin(0.21 * t), 200 + 2.5 * t];

    private static List<double[]> Rollout(PushTEnv env, int steps, int offset = 0) =>
        [.. Enumerable.Range(offset, steps).Select(t => env.Step(Action(t)).Observation.State)];

    [Fact]
    public void Same_seed_gives_a_bit_identical_trajectory_with_contacts()
    {
        using var a = new PushTEnv();
        using var b = new PushTEnv();
        a.Reset(0);
        b.Reset(0);
        long contacts = 0;
        for (var t = 0; t < 80; t++)
        {
            var ra = a.Step(Action(t));
            var rb = b.Step(Action(t));
            Assert.Equal(ra.Observation.State, rb.Observation.State);
            Assert.Equal(ra.Info.ContactCount, rb.Info.ContactCount);
            contacts += ra.Info.ContactCount;
        }
        Assert.True(contacts > 0, "the test path should touch the block");
    }

    [Fact]
    public void Reset_places_agent_and_block_at_the_seeded_state()
    {
        using var env = new PushTEnv();
        var s = env.Reset(0).State;                               // NumPy: [222, 97, 217, 292, 3.0079994677219553]
        Assert.Equal(222.0, s[0]);
        Assert.Equal(97.0, s[1]);
        Assert.Equal(217.0, s[2], 9);
        Assert.Equal(292.0, s[3], 9);
        Assert.Equal(3.0079994677219553, s[4], 12);
    }

    [Fact]
    public void Block_angle_is_wrapped_into_zero_to_two_pi()
    {
        using var env = new PushTEnv();
        var s = env.Reset(100049).State;                          // angle −13.41298796393892
        Assert.Equal(-13.41298796393892 + 6 * Math.PI, s[4], 9);
    }

    [Fact]
    public void Block_does_not_move_unless_touched()
    {
        using var env = new PushTEnv();
        var start = env.Reset(0).State;
        for (var t = 0; t < 50; t++)
        {
            var r = env.Step([450, 60]);                          // top right, away from the block
            Assert.Equal(0, r.Info.ContactCount);
        }
        Assert.Equal(start[2..], env.StateVector()[2..]);
    }

    [Fact]
    public void Agent_converges_to_a_held_target()
    {   // Critically damped PD (kp = 100, kv = 20, ω = 10 rad/s): the error decays as (1 + ωt)e^{−ωt}.
        using var env = new PushTEnv();
        env.ResetToState([100, 100, 400, 400, 0]);
        for (var t = 0; t < 40; t++) env.Step([150, 120]);       // 4 s
        var s = env.StateVector();
        Assert.Equal(150, s[0], 2);
        Assert.Equal(120, s[1], 2);
    }

    [Fact]
    public void Pushing_the_stem_moves_the_block_until_the_agent_stops()
    {   // Block at (256, 300), angle 0: its stem ends at y = 420. Pushed up to a held target y = 250, the stem tip
        // rests near 250 − 15, so the block origin ends near y = 235 − 120 = 115.
        using var env = new PushTEnv();
        env.ResetToState([256, 470, 256, 300, 0]);
        for (var t = 0; t < 100; t++) env.Step([262, 250]);
        var s = env.StateVector();
        Assert.InRange(s[3], 110, 120);
    }

    [Fact]
    public void At_the_goal_pose_reward_is_one_and_the_episode_terminates()
    {
        using var env = new PushTEnv();
        env.ResetToState([50, 50, 256, 256, Math.PI / 4]);
        var r = env.Step([50, 50]);
        Assert.Equal(1.0, r.Info.Coverage, 9);
        Assert.Equal(1.0, r.Reward);
        Assert.True(r.Terminated);
        Assert.False(r.Truncated);
    }

    [Fact]
    public void Episode_is_truncated_at_the_step_limit()
    {
        using var env = new PushTEnv(new PushTConfig { MaxEpisodeSteps = 3 });
        env.Reset(0);
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(_ => env.Step([60, 460]).Truncated).ToArray());
    }

    [Fact]
    public void SetState_restores_a_snapshot_bit_for_bit()
    {
        using var a = new PushTEnv();
        a.Reset(0);
        Rollout(a, 40);
        var snapshot = a.GetState();
        var expected = Rollout(a, 30, 40);

        using var b = new PushTEnv();
        b.Reset(7);
        Assert.Equal(snapshot.Pose, b.SetState(snapshot).State);
        Assert.Equal(expected, Rollout(b, 30, 40));
        a.SetState(snapshot);                                     // restoring in place works too
        Assert.Equal(expected, Rollout(a, 30, 40));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void Non_finite_actions_are_rejected(double x, double y)
    {
        using var env = new PushTEnv();
        env.Reset(0);
        var e = Assert.Throws<ArgumentException>(() => env.Step([x, y]));
        Assert.Contains("non-finite", e.Message);
    }

    [Fact]
    public void Actions_of_the_wrong_length_are_rejected()
    {
        using var env = new PushTEnv();
        env.Reset(0);
        Assert.Throws<ArgumentException>(() => env.Step([1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Out_of_range_actions_are_clipped_to_the_box()
    {
        using var a = new PushTEnv();
        using var b = new PushTEnv();
        a.Reset(3);
        b.Reset(3);
        for (var t = 0; t < 5; t++) Assert.Equal(b.Step([0, 512]).Observation.State, a.Step([-100, 9000]).Observation.State);
    }

    [Fact]
    public void Using_the_env_before_reset_or_after_dispose_throws()
    {
        var env = new PushTEnv();
        Assert.Throws<InvalidOperationException>(() => env.Step([1, 1]));
        env.Reset(0);
        env.Dispose();
        Assert.Throws<InvalidOperationException>(() => env.Step([1, 1]));
    }

    [Fact]
    public void Keypoint_observation_has_nine_block_points_inside_the_t_then_the_agent()
    {
        using var env = new PushTEnv(new PushTConfig { ObservationType = PushTObservationType.Keypoints });
        var obs = env.ResetToState([100, 120, 256, 256, 0]);
        Assert.Equal(20, obs.Vector.Length);
        Assert.Equal([100.0, 120.0], obs.Vector[18..]);
        for (var i = 0; i < 9; i++)
        {   // With angle 0 the T occupies x ∈ [196, 316] for y ∈ [256, 286] and x ∈ [241, 271] for y ∈ [286, 376].
            var (x, y) = (obs.Vector[2 * i] , obs.Vector[2 * i + 1]);
            var inBar = x is >= 196 and <= 316 && y is >= 256 and <= 286;
            var inStem = x is >= 241 and <= 271 && y is >= 286 and <= 376;
            Assert.True(inBar || inStem, $"keypoint {i} ({x}, {y}) is outside the T");
        }
    }

    [Fact]
    public void Spaces_describe_actions_and_observations()
    {
        using var env = new PushTEnv();
        Assert.Equal(2, env.ActionSpace.Dimension);
        Assert.Equal(512, env.ActionSpace.High[0]);
        Assert.Equal(5, env.ObservationSpace.Dimension);
        Assert.Equal(2 * Math.PI, env.ObservationSpace.High[4]);
    }
}
