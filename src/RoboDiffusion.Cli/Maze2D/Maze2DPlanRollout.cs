using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// One evaluated episode of a planner: seed, start and goal positions, return, D4RL normalized score, first rewarded step
/// (−1 = none), how many of its plans pass through a wall (<see cref="Maze2DGeometry.EntersWall"/>): a failure of the
/// model, not of the tracker; and, when it plans once, how the ball followed that plan.
/// </summary>
internal sealed record Maze2DPlanEpisode(long Seed, (double X, double Y) Start, (double X, double Y) Goal, double Return,
    double NormalizedScore, int FirstRewardStep, int PlansThroughWalls, Maze2DPlanTracking? Tracking = null);

/// <summary>
/// Diffuser's Maze2D evaluation (scripts/plan_maze2d.py): plan once from the reset observation to the goal, then track
/// the plan with <see cref="WaypointTracker"/> for the whole episode. All episodes run in lock step, so every (re)plan is
/// one batched sampler call. With a replanning interval K, every K steps the plan is redrawn from the current states:
/// toward a goal in the steps left to the first plan's arrival (<see cref="PlanToArrival"/>), without one over the
/// whole horizon. With <c>noGoal</c> only the start is inpainted; a value <c>guidance</c> then decides where the plans go.
/// </summary>
internal static class Maze2DPlanRollout
{
    /// <summary>Plays seeds <paramref name="seed"/> … + episodes − 1; <paramref name="onStep"/> sees (episode, env, plan positions).</summary>
    public static List<Maze2DPlanEpisode> Run(DiffuserPlanner planner, Maze2DConfig envConfig, int episodes, long seed,
        PolicyInference inference, int? replanEvery, Action<int, Maze2DEnv, IReadOnlyList<(double X, double Y)>>? onStep = null,
        PlanGuidance? guidance = null, bool noGoal = false)
    {
        if (episodes < 1) throw new ArgumentException($"--episodes must be ≥ 1, got {episodes}.");
        if (planner.Config.ObservationDim != 4) throw new ArgumentException($"A Maze2D planner observes (x, y, vx, vy); this one has {planner.Config.ObservationDim} observation dims.");
        if (replanEvery is < 1) throw new ArgumentException($"--replan must be ≥ 1, got {replanEvery}.");
        if (replanEvery is not null && guidance is not null && !noGoal)
            throw new ArgumentException("Replanning toward a goal shortens the plans, and a value scores plans of the trained horizon: " +
                                        "pass --no-goal to replan with guidance, or plan once.");
        var envs = Enumerable.Range(0, episodes).Select(_ => new Maze2DEnv(envConfig)).ToList();
        try
        {
            var obs = envs.Select((e, i) => e.Reset(seed + i)).ToArray();
            var starts = obs.Select(o => (o[0], o[1])).ToArray();
            using var generator = new Generator((ulong)seed);
            var (layout, throughWalls) = (Maze2DLayouts.Layout(envConfig.Maze), new int[episodes]);
            int[]? arrivals = null;
            List<(WaypointTracker Tracker, IReadOnlyList<(double X, double Y)> Positions)> Replan(int t)
            {
                var plans = t == 0 || noGoal ? Plan(planner, envs, obs, generator, inference, guidance, noGoal)
                    : PlanToArrival(planner, envs, obs, generator, inference, arrivals!, t);
                if (t == 0) arrivals = [.. plans.Select((p, i) => Maze2DPlanTracking.SettleStep(p.Positions, envs[i].Goal, envConfig.GoalRadius))];
                for (var i = 0; i < episodes; i++) throughWalls[i] += Maze2DGeometry.EntersWall(layout, plans[i].Positions) ? 1 : 0;
                return plans;
            }
            var (trackers, planStart) = (Replan(0), 0);
            var (returns, first) = (new double[episodes], Enumerable.Repeat(-1, episodes).ToArray());
            var lags = new double?[episodes];
            for (var t = 0; t < envConfig.EpisodeSteps; t++)
            {
                if (replanEvery is { } k && t > 0 && t % k == 0) (trackers, planStart) = (Replan(t), t);
                for (var i = 0; i < episodes; i++)
                {
                    if (replanEvery is null && t == trackers[i].Tracker.Count - 1 && trackers[i].Positions[^1] is var (endX, endY))
                        lags[i] = Maze2DGeometry.Length(obs[i][0] - endX, obs[i][1] - endY);
                    onStep?.Invoke(i, envs[i], trackers[i].Positions);
                    var step = envs[i].Step(trackers[i].Tracker.Act(t - planStart, obs[i]));
                    obs[i] = step.Observation;
                    returns[i] += step.Reward;
                    if (step.Reward > 0 && first[i] < 0) first[i] = t + 1;
                }
            }
            return [.. envs.Select((e, i) => new Maze2DPlanEpisode(seed + i, starts[i], (e.Goal.X, e.Goal.Y), returns[i],
                e.NormalizedScore(returns[i]), first[i], throughWalls[i],
                replanEvery is null ? Maze2DPlanTracking.Of(trackers[i].Tracker.Waypoints, e.Goal, e.Config.GoalRadius, lags[i]) : null))];
        }
        finally { envs.ForEach(e => e.Dispose()); }
    }

    /// <summary>
    /// Replans toward the goals that keep each episode's first arrival: from the current state to the goal in the steps
    /// left until the first plan settled at its goal (at least one), rounded up to a length the U-Net takes and grouped
    /// by length, one batched call per group. A full-horizon replan would put the goal H − 1 steps ahead every time and
    /// the ball would never get there: on U-Maze, replanning every 32 steps that way scores −8.8 against 124.3 for
    /// planning once (docs/results.md, replanning).
    /// </summary>
    private static List<(WaypointTracker Tracker, IReadOnlyList<(double X, double Y)> Positions)> PlanToArrival(DiffuserPlanner planner,
        IReadOnlyList<Maze2DEnv> envs, double[][] obs, Generator generator, PolicyInference inference, int[] arrivals, int t)
    {
        var quantum = 4 * planner.Config.Unet.HorizonMultiple;     // fewer distinct lengths, fewer sampler calls
        // n steps take n + 1 waypoints, so the length is the smallest multiple of the quantum ≥ n + 1: (n + q) / q · q.
        var lengths = arrivals.Select(a => Math.Min(planner.Config.Horizon, (Math.Max(a - t, 1) + quantum) / quantum * quantum)).ToArray();
        var plans = new (WaypointTracker, IReadOnlyList<(double, double)>)[envs.Count];
        foreach (var group in Enumerable.Range(0, envs.Count).GroupBy(i => lengths[i]))
        {
            int[] members = [.. group];
            var grouped = Plan(planner, [.. members.Select(i => envs[i])], [.. members.Select(i => obs[i])], generator, inference,
                null, noGoal: false, horizon: group.Key);
            for (var j = 0; j < members.Length; j++) plans[members[j]] = grouped[j];
        }
        return [.. plans];
    }

    /// <summary>One batched plan from the current observations to each env's goal (or, with noGoal, from the observations only).</summary>
    private static List<(WaypointTracker Tracker, IReadOnlyList<(double X, double Y)> Positions)> Plan(DiffuserPlanner planner,
        IReadOnlyList<Maze2DEnv> envs, double[][] obs, Generator generator, PolicyInference inference, PlanGuidance? guidance, bool noGoal,
        int? horizon = null)
    {
        using var scope = NewDisposeScope();
        var starts = tensor(obs.SelectMany(o => o).ToArray(), [obs.Length, 4]);
        var goals = noGoal ? null : tensor(envs.SelectMany(e => new[] { e.Goal.X, e.Goal.Y }).ToArray(), [envs.Count, 2]);
        var plans = planner.Plan(starts, goals, generator, inference, guidance, horizon: horizon).to(ScalarType.Float64);   // [B, H, T]
        var da = planner.Config.ActionDim;
        var result = new List<(WaypointTracker, IReadOnlyList<(double, double)>)>();
        for (var b = 0; b < obs.Length; b++)
        {
            var states = plans[b].narrow(1, da, 4).contiguous().data<double>().ToArray();                     // [H·4]
            var waypoints = Enumerable.Range(0, states.Length / 4).Select(h => states[(4 * h)..(4 * h + 4)]).ToList();
            result.Add((new WaypointTracker(waypoints), [.. waypoints.Select(w => (w[0], w[1]))]));
        }
        return result;
    }
}
