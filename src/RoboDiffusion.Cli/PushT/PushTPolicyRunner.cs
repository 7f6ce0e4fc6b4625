using System.Diagnostics;
using RoboDiffusion.Envs.PushT;
using RoboDiffusion.Policies.DiffusionPolicy;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Evaluates a <see cref="DiffusionPolicy"/> on many Push-T episodes in lock step: every Ta steps one batched sampler
/// call plans for all running episodes (Chi et al., RSS 2023, receding horizon), then the environments execute their
/// Ta actions in parallel on worker threads (torch stays on the calling thread). Observation histories start as To
/// copies of the reset observation, as diffusion_policy's MultiStepWrapper does. Episodes end at success (coverage
/// &gt; 0.95) or after maxSteps steps; the score is the maximum reward, as in the paper.
/// </summary>
internal sealed class PushTPolicyRunner(DiffusionPolicy policy, PolicyInference inference)
{
    /// <summary>Wall time of every planning call (one batched chunk), in seconds.</summary>
    public List<double> ChunkSeconds { get; } = [];

    /// <summary>
    /// Plays seeds firstSeed … firstSeed + episodes − 1; <paramref name="recorders"/>[i] watches episode i.
    /// <paramref name="onSteps"/> hears of progress in environment steps, episodes × maxSteps in all (an episode that
    /// ends early reports its remaining steps at once).
    /// </summary>
    public PushTEpisodeResult[] Run(long firstSeed, int episodes, int maxSteps, long noiseSeed,
        IReadOnlyList<IRolloutRecorder?>? recorders = null, Action<long>? onSteps = null)
    {
        if (episodes < 1) throw new ArgumentException($"--episodes must be at least 1, got {episodes}.");
        if (maxSteps < 1) throw new ArgumentException($"--max-steps must be at least 1, got {maxSteps}.");
        var c = policy.Config;
        var runs = Enumerable.Range(0, episodes)
            .Select(i => new Episode(firstSeed + i, maxSteps, c, recorders is not null && i < recorders.Count ? recorders[i] : null))
            .ToArray();
        using var generator = new Generator((ulong)noiseSeed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            while (runs.Where(r => !r.Done).ToArray() is { Length: > 0 } active)
            {
                var actions = Plan(active, generator);                                      // [A][Ta][2]
                Parallel.For(0, active.Length, parallel, i =>
                {
                    var before = active[i].Steps;
                    active[i].Execute(actions[i]);
                    onSteps?.Invoke(active[i].Done ? maxSteps - before : active[i].Steps - before);
                });
            }
            return [.. runs.Select(r => r.Result)];
        }
        finally
        {
            foreach (var r in runs) r.Dispose();
        }
    }

    private float[][][] Plan(Episode[] active, Generator generator)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var c = policy.Config;
        var obs = new Dictionary<string, Tensor>();
        foreach (var key in c.ObservationKeys)
        {
            var dim = c.ObservationDims[obs.Count];
            var data = new float[active.Length * c.ObsSteps * dim];
            for (var i = 0; i < active.Length; i++) active[i].History(key).CopyTo(data, i * c.ObsSteps * dim);
            obs[key] = tensor(data, [active.Length, c.ObsSteps, dim]);
        }
        if (c.ImageKey is { } imageKey)
        {
            var size = c.Image.ImageSize;
            var frames = new byte[active.Length * c.ObsSteps * size * size * 3];
            for (var i = 0; i < active.Length; i++) active[i].ImageHistory().CopyTo(frames, i * c.ObsSteps * size * size * 3);
            obs[imageKey] = tensor(frames, [active.Length, c.ObsSteps, size, size, 3]);
        }
        var chosen = policy.SelectActions(obs, generator, inference);                       // [A, Ta, Da]
        var flat = chosen.data<float>().ToArray();
        ChunkSeconds.Add(clock.Elapsed.TotalSeconds);
        var (ta, da) = (c.ActionSteps, c.ActionDim);
        return [.. active.Select((_, i) => Enumerable.Range(0, ta).Select(t => flat.AsSpan((i * ta + t) * da, da).ToArray()).ToArray())];
    }

    /// <summary>One running episode: its environment, observation history and score.</summary>
    private sealed class Episode : IDisposable
    {
        private readonly PushTEnv _env;
        private readonly IRolloutRecorder? _recorder;
        private readonly Dictionary<string, Queue<float[]>> _history = [];
        private readonly Queue<byte[]>? _images;
        private readonly int _imageSize;
        private readonly long _seed;
        private readonly int _maxSteps;
        private double _score;
        private bool _success;

        public Episode(long seed, int maxSteps, DiffusionPolicyConfig config, IRolloutRecorder? recorder)
        {
            (_seed, _maxSteps, _recorder) = (seed, maxSteps, recorder);
            _env = new PushTEnv(new PushTConfig { MaxEpisodeSteps = maxSteps });
            var first = _env.Reset(seed);
            foreach (var key in config.ObservationKeys)
                _history[key] = new Queue<float[]>(Enumerable.Repeat(PushTObservationFeatures.Read(key, first), config.ObsSteps));
            if (config.ImageKey is not null)
            {
                _imageSize = config.Image.ImageSize;
                _images = new Queue<byte[]>(Enumerable.Repeat(_env.Render(_imageSize).Rgb, config.ObsSteps));
            }
            recorder?.Observe(_env, first);
        }

        public bool Done { get; private set; }
        public int Steps { get; private set; }
        public PushTEpisodeResult Result => new(_seed, _score, _success, Steps, _env.Coverage);

        /// <summary>The last To values of a feature, oldest first, flattened.</summary>
        public float[] History(string key) => [.. _history[key].SelectMany(v => v)];

        /// <summary>The last To rendered frames, oldest first, as [To, H, W, 3] bytes.</summary>
        public byte[] ImageHistory() => [.. _images!.SelectMany(f => f)];

        /// <summary>Executes the planned actions until they run out or the episode ends.</summary>
        public void Execute(float[][] actions)
        {
            foreach (var a in actions)
            {
                var result = _env.Step([a[0], a[1]]);
                Steps++;
                _score = Math.Max(_score, result.Reward);
                _success |= result.Terminated;
                Done = result.Terminated || result.Truncated || Steps >= _maxSteps;
                _recorder?.Record([a[0], a[1]], result, Done);
                _recorder?.Observe(_env, result.Observation);
                foreach (var (key, queue) in _history)
                {
                    queue.Dequeue();
                    queue.Enqueue(PushTObservationFeatures.Read(key, result.Observation));
                }
                if (_images is not null)
                {
                    _images.Dequeue();
                    _images.Enqueue(_env.Render(_imageSize).Rgb);   // the frame the recorder stores for this observation
                }
                if (Done) return;
            }
        }

        public void Dispose() => _env.Dispose();
    }
}
