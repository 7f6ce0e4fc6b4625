using RoboDiffusion.Envs.Random;

namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// D4RL's maze2d data generation (scripts/generation/generate_maze2d_datasets.py): one uninterrupted run in which the
/// waypoint controller chases a random target (a free cell plus U(−0.1, 0.1)) and a new target is drawn when it is
/// reached or after the maze's episode length; Gaussian action noise (D4RL's --noisy: σ = 0.5), then clip. The noise
/// is what Farama's re-creation of D4RL's maze2d datasets (Minari) adds, and it matters to Diffuser: a planner trained
/// on noisy data learns faster and keeps to the goal once there (docs/results.md, Maze2D).
/// Rewards are the env's sparse reward toward the maze's fixed 'G' goal (what D4RL's relabelling stores).
/// Differences: D4RL's script records a stale observation on the step after each new target (it skips <c>s = ns</c>);
/// here every observation is the true one.
/// </summary>
public sealed class Maze2DDataCollector(Maze2DMaze maze, long seed, double actionNoise = Maze2DDataCollector.NoisyActionStd)
{
    /// <summary>D4RL's --noisy action noise (generate_maze2d_datasets.py: a + 0.5·N(0, 1)).</summary>
    public const double NoisyActionStd = 0.5;

    /// <summary>Runs <paramref name="steps"/> env steps; <paramref name="progress"/> gets the count every 10 000 steps.</summary>
    public IReadOnlyList<Maze2DTransition> Collect(int steps, Action<int>? progress = null)
    {
        if (steps < 1) throw new ArgumentException($"Steps must be ≥ 1, got {steps}.", nameof(steps));
        if (!(actionNoise >= 0) || double.IsInfinity(actionNoise)) throw new ArgumentException($"Action noise must be ≥ 0, got {actionNoise}.");
        using var env = new Maze2DEnv(new Maze2DConfig { Maze = maze });
        var rng = new RandomState(seed);
        var controller = new Maze2DWaypointController(env.Layout, seed + 1);
        var target = RandomTarget(env.Layout, rng);
        var obs = env.Reset(seed);
        var result = new List<Maze2DTransition>(steps);
        var sinceTarget = 0;
        for (var t = 0; t < steps; t++)
        {
            var (action, solved) = controller.Act(obs[0], obs[1], obs[2], obs[3], target);
            if (actionNoise > 0)
                for (var i = 0; i < 2; i++) action[i] = Math.Clamp(action[i] + actionNoise * rng.Randn(), -1, 1);
            var step = env.Step(action);
            result.Add(new(obs, action, target, step.Reward));
            obs = step.Observation;
            if (solved || ++sinceTarget >= env.Config.EpisodeSteps)
            {
                target = RandomTarget(env.Layout, rng);
                sinceTarget = 0;
            }
            if ((t + 1) % 10_000 == 0) progress?.Invoke(t + 1);
        }
        return result;
    }

    /// <summary>D4RL's <c>set_target()</c>: a uniformly chosen reset cell plus U(−0.1, 0.1) per axis.</summary>
    public static (double X, double Y) RandomTarget(MazeLayout layout, RandomState rng)
    {
        var c = layout.ResetCells[(int)rng.RandInt(0, layout.ResetCells.Count)];
        return (c.Row - 0.1 + 0.2 * rng.RandomSample(), c.Col - 0.1 + 0.2 * rng.RandomSample());
    }
}
