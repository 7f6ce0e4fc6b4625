using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>Runs one Push-T episode with a policy: reset from the seed, act until success or the step limit.</summary>
internal static class PushTRollout
{
    /// <summary>
    /// Plays one episode. Actions are rounded to float32 before they are executed: datasets store float32, so the
    /// recorded actions are exactly the executed ones and replaying them reproduces the episode bit for bit.
    /// The episode ends at the first step with coverage above the threshold (the original's <c>done</c>) or after
    /// <paramref name="maxSteps"/> steps.
    /// </summary>
    public static PushTEpisodeResult Run(PushTEnv env, IPushTPolicy policy, long seed, int maxSteps, IRolloutRecorder? recorder = null)
    {
        if (maxSteps < 1) throw new ArgumentException($"--max-steps must be at least 1, got {maxSteps}.");
        var observation = env.Reset(seed);
        policy.Reset();
        recorder?.Observe(env, observation);
        var (score, success, steps) = (0.0, false, 0);
        while (steps < maxSteps)
        {
            var action = ToFloat32(policy.Act(env));
            var result = env.Step(action);
            steps++;
            score = Math.Max(score, result.Reward);
            success |= result.Terminated;
            var done = result.Terminated || result.Truncated || steps == maxSteps;
            recorder?.Record(action, result, done);
            recorder?.Observe(env, result.Observation);
            if (done) break;
        }
        return new PushTEpisodeResult(seed, score, success, steps, env.Coverage);
    }

    private static double[] ToFloat32(double[] action)
    {
        if (action.Length != 2) throw new InvalidOperationException($"A Push-T policy must return 2 values (x, y), got {action.Length}.");
        return [(float)action[0], (float)action[1]];
    }
}
