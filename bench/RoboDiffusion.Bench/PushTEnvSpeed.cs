using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Bench;

/// <summary>
/// Push-T speed on a fixed action sequence (the expert's targets for seed 0, recorded once): <see cref="PushTEnv.Step"/>
/// with state observations against <see cref="RawPushTPhysics"/> (bare Chipmunk, same PD law and substeps), image
/// observations against state observations, the expert (plan + step) against replaying its actions, and whole expert
/// episodes on 2 workers against 1 (<see cref="PushTVectorEnv.Map{T}"/>).
/// </summary>
internal static class PushTEnvSpeed
{
    private const long Seed = 0;
    private const int ReplaysPerRun = 20, ReplaysPerEpisode = 50;

    public static IEnumerable<string> Run(int seeds, int repeats, int episodeRepeats)
    {
        var actions = ExpertActions(Seed);
        var start = PushTEnv.InitialState(Seed);
        using var stateEnv = new PushTEnv();
        using var imageEnv = new PushTEnv(new PushTConfig { ObservationType = PushTObservationType.Image });
        using var expert = new PushTExpert();
        var n = actions.Count;
        var same = SameTrajectory(stateEnv, start, actions);
        // Warm-up runs let both sides reach the JIT's optimized tier; the fastest run is kept (pre-emption only adds time).
        var (state, raw) = Timing.FastestPair(() => Replay(stateEnv, actions, ReplaysPerRun),
            () => RawReplay(start, actions, ReplaysPerRun).Dispose(), repeats, warmup: 10);
        (state, raw) = (state / ReplaysPerRun, raw / ReplaysPerRun);
        var (image, stateAgain) = Timing.FastestPair(() => Replay(imageEnv, actions), () => Replay(stateEnv, actions, ReplaysPerRun),
            repeats, warmup: 5);
        stateAgain /= ReplaysPerRun;
        var (planned, replayed) = Timing.MedianPair(() => ExpertEpisode(stateEnv, expert, Seed),
            () => Replay(stateEnv, actions, ReplaysPerEpisode), episodeRepeats, warmup: 1);
        replayed /= ReplaysPerEpisode;
        yield return $"Fixed sequence: the expert's {n} targets for seed {Seed}, replayed after one reset ({ReplaysPerRun} passes per " +
                     $"timed run, 1 with images; fastest of {repeats}); the raw loop ends on {(same ? "the same" : "a DIFFERENT")} block pose.\n";
        yield return "| loop | steps/s | baseline | steps/s (baseline) | time ratio |";
        yield return "|---|---|---|---|---|";
        yield return Row("PushTEnv.Step, state obs", n / state, "raw Chipmunk loop", n / raw);
        yield return Row("PushTEnv.Step, 96×96 image obs", n / image, "PushTEnv.Step, state obs", n / stateAgain);
        yield return Row("expert: Act (planning) + Step", n / planned, "PushTEnv.Step, state obs", n / replayed);

        using var one = new PushTVectorEnv(1, maxDegreeOfParallelism: 1);   // Map throws when parallelism exceeds the pool
        using var two = new PushTVectorEnv(2, maxDegreeOfParallelism: 2);
        var (parallel, serial) = Timing.MedianPair(() => ExpertEpisodes(two, seeds), () => ExpertEpisodes(one, seeds),
            episodeRepeats, warmup: 0);
        yield return $"\nExpert episodes over seeds 0…{seeds - 1} (max 300 steps, until success), {Environment.ProcessorCount} cores:\n";
        yield return "| workers | episodes/min | baseline | episodes/min (baseline) | speed-up |";
        yield return "|---|---|---|---|---|";
        yield return $"| 2 (PushTVectorEnv.Map) | {seeds / parallel * 60:F1} | 1 worker | {seeds / serial * 60:F1} | {serial / parallel:F2} |";
    }

    private static string Row(string name, double ours, string baseline, double theirs) =>
        $"| {name} | {ours:F0} | {baseline} | {theirs:F0} | {theirs / ours:F2} |";

    /// <summary>The expert's targets for one episode (until success or truncation); the expert is deterministic.</summary>
    private static List<double[]> ExpertActions(long seed)
    {
        using var env = new PushTEnv();
        using var expert = new PushTExpert();
        var actions = new List<double[]>();
        env.Reset(seed);
        for (var done = false; !done;)
        {
            var a = expert.Act(env);
            actions.Add(a);
            var r = env.Step(a);
            done = r.Terminated || r.Truncated;
        }
        return actions;
    }

    // One reset, then the sequence `times` times over (the env keeps stepping past its 300-step truncation flag).
    private static void Replay(PushTEnv env, List<double[]> actions, int times = 1)
    {
        env.Reset(Seed);
        for (var k = 0; k < times; k++)
            foreach (var a in actions) env.Step(a);
    }

    private static RawPushTPhysics RawReplay(double[] start, List<double[]> actions, int times)
    {
        var physics = new RawPushTPhysics(start);
        for (var k = 0; k < times; k++)
            foreach (var a in actions) physics.Drive(a[0], a[1]);
        return physics;
    }

    // The baseline must do the same work: same final block pose (to 1e-9) as the env after the sequence.
    private static bool SameTrajectory(PushTEnv env, double[] start, List<double[]> actions)
    {
        Replay(env, actions, ReplaysPerRun);
        using var physics = RawReplay(start, actions, ReplaysPerRun);
        var (x, y, angle) = env.BlockPose;
        var (rx, ry, rAngle) = physics.BlockPose;
        return Math.Abs(x - rx) < 1e-9 && Math.Abs(y - ry) < 1e-9 && Math.Abs(angle - rAngle) < 1e-9;
    }

    private static int ExpertEpisode(PushTEnv env, PushTExpert expert, long seed)
    {
        env.Reset(seed);
        expert.Reset();
        var steps = 0;
        for (var done = false; !done; steps++)
        {
            var r = env.Step(expert.Act(env));
            done = r.Terminated || r.Truncated;
        }
        return steps;
    }

    private static void ExpertEpisodes(PushTVectorEnv pool, int seeds) => pool.Map(seeds, (j, env) =>
    {
        using var expert = new PushTExpert();
        return ExpertEpisode(env, expert, j);
    });
}
