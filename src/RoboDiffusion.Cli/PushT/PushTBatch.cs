using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Runs one job per seed (seeds firstSeed … firstSeed + episodes − 1) across the cores, one environment per worker.
/// Results come back in seed order, and each job depends only on its seed, so the output is the same whatever the
/// scheduling.
/// </summary>
internal static class PushTBatch
{
    public static T[] Run<T>(int episodes, long firstSeed, int maxSteps, Func<long, PushTEnv, T> job, Action? onJobDone = null)
    {
        if (episodes < 1) throw new ArgumentException($"--episodes must be at least 1, got {episodes}.");
        if (maxSteps < 1) throw new ArgumentException($"--max-steps must be at least 1, got {maxSteps}.");
        if (firstSeed < 0 || firstSeed + episodes - 1 > uint.MaxValue)
            throw new ArgumentException($"Seeds {firstSeed}…{firstSeed + episodes - 1} are outside NumPy's RandomState range 0…{uint.MaxValue}.");
        var workers = Math.Min(episodes, Environment.ProcessorCount);
        using var pool = new PushTVectorEnv(workers, new PushTConfig { MaxEpisodeSteps = maxSteps }, workers);
        return pool.Map(episodes, (j, env) =>
        {
            var result = job(firstSeed + j, env);
            onJobDone?.Invoke();
            return result;
        });
    }

    /// <summary>Plays one episode per seed with a fresh policy from <paramref name="factory"/>; disposes it afterwards.</summary>
    public static PushTEpisodeResult Episode(PushTPolicyFactory factory, PushTEnv env, long seed, int maxSteps, IRolloutRecorder? recorder = null)
    {
        var policy = factory(seed);
        try { return PushTRollout.Run(env, policy, seed, maxSteps, recorder); }
        finally { (policy as IDisposable)?.Dispose(); }
    }
}
