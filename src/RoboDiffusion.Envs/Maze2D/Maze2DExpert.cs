namespace RoboDiffusion.Envs.Maze2D;

/// <summary>The waypoint controller as an evaluation policy: reset with a seed, then steer to the env's goal for a full episode.</summary>
public static class Maze2DExpert
{
    /// <summary>
    /// Plays one episode of <paramref name="env"/> from <paramref name="seed"/>; <paramref name="onStep"/> sees the env after
    /// reset and after every step. A fresh controller plans from the start by default. Passing one controller for every
    /// episode reproduces D4RL's reference protocol (scripts/reference_scores/maze2d_controller.py): its plan is kept
    /// while the goal cell is unchanged, so later episodes chase waypoints planned from the first episode's start.
    /// </summary>
    public static Maze2DEpisodeResult Play(Maze2DEnv env, long seed, Action<Maze2DEnv, Maze2DWaypointController>? onStep = null,
                                           Maze2DWaypointController? controller = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        controller ??= new Maze2DWaypointController(env.Layout, seed);
        var obs = env.Reset(seed);
        onStep?.Invoke(env, controller);
        var (total, first) = (0.0, -1);
        while (true)
        {
            var (action, _) = controller.Act(obs[0], obs[1], obs[2], obs[3], env.Goal);
            var step = env.Step(action);
            onStep?.Invoke(env, controller);
            total += step.Reward;
            if (step.Reward > 0 && first < 0) first = env.Steps;
            obs = step.Observation;
            if (step.Terminated || step.Truncated) break;
        }
        return new(seed, total, env.NormalizedScore(total), env.Steps, first);
    }
}
