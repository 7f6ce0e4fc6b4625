namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// N independent Push-T environments stepped in parallel across cores (Gymnasium's vector env, synchronous API).
/// Each environment is touched by one thread at a time, so results are deterministic whatever the scheduling.
/// </summary>
public sealed class PushTVectorEnv : IDisposable
{
    private readonly PushTEnv[] _envs;
    private readonly ParallelOptions _parallel;

    public PushTVectorEnv(int count, PushTConfig? config = null, int? maxDegreeOfParallelism = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Need at least one environment.");
        _envs = [.. Enumerable.Range(0, count).Select(_ => new PushTEnv(config))];
        if (maxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Need at least one worker.");
        // More workers than environments would leave a worker without one (Map hands each job a free environment).
        var workers = Math.Min(maxDegreeOfParallelism ?? Environment.ProcessorCount, count);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
    }

    public int Count => _envs.Length;

    public IReadOnlyList<PushTEnv> Envs => _envs;

    /// <summary>Resets environment i with seeds[i].</summary>
    public PushTObservation[] Reset(IReadOnlyList<long> seeds)
    {
        CheckCount(seeds.Count, nameof(seeds));
        var result = new PushTObservation[Count];
        Parallel.For(0, Count, _parallel, i => result[i] = _envs[i].Reset(seeds[i]));
        return result;
    }

    /// <summary>Steps environment i with actions[i].</summary>
    public PushTStepResult[] Step(IReadOnlyList<double[]> actions)
    {
        CheckCount(actions.Count, nameof(actions));
        var result = new PushTStepResult[Count];
        Parallel.For(0, Count, _parallel, i => result[i] = _envs[i].Step(actions[i]));
        return result;
    }

    /// <summary>
    /// Runs <paramref name="jobs"/> (e.g. whole episodes) over the pool: job j gets a free environment; results keep
    /// the job order. Faster than lock-step stepping when episodes end at different times.
    /// </summary>
    public T[] Map<T>(int jobs, Func<int, PushTEnv, T> job)
    {
        var result = new T[jobs];
        var free = new System.Collections.Concurrent.ConcurrentBag<PushTEnv>(_envs);
        Parallel.For(0, jobs, _parallel, j =>
        {
            if (!free.TryTake(out var env)) throw new InvalidOperationException("More workers than environments.");
            try { result[j] = job(j, env); }
            finally { free.Add(env); }
        });
        return result;
    }

    public void Dispose()
    {
        foreach (var env in _envs) env.Dispose();
    }

    private void CheckCount(int n, string name)
    {
        if (n != Count) throw new ArgumentException($"Expected {Count} {name} (one per environment), got {n}.", name);
    }
}
