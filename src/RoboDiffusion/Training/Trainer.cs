using System.Diagnostics;
using System.Globalization;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// One trainer for every method: AdamW (Loshchilov &amp; Hutter 2019) on any scalar <see cref="LossFn{TBatch}"/>, with
/// global-norm gradient clipping, a learning-rate schedule, EMA weights, periodic evaluation, atomic checkpoints and a
/// JSONL metrics log. Every random draw derives from (seed, step), so <see cref="Resume"/> followed by <see cref="Run"/>
/// gives bit-identical weights to an uninterrupted run of the same length.
/// </summary>
/// <example><code>
/// using var trainer = new Trainer&lt;Batch&gt;(net, (b, g) =&gt; objective.Loss(fn, b.X, b.Cond, g).mean(), source, config);
/// trainer.Resume();   // no-op on a fresh OutputDir
/// var result = trainer.Run();
/// </code></example>
public sealed class Trainer<TBatch> : IDisposable
{
    private readonly nn.Module _model;
    private readonly LossFn<TBatch> _loss;
    private readonly IBatchSource<TBatch> _batches;
    private readonly TrainerOptions _options;
    private readonly List<Parameter> _parameters;
    private readonly TrainerCheckpoint.Parts _parts;
    private readonly AdamW _optimizer;
    private readonly Generator _dataRng = new(0);
    private readonly Generator _lossRng = new(0);
    private readonly CheckpointStore? _store;
    private readonly MetricsLog? _metrics;

    public Trainer(nn.Module model, LossFn<TBatch> loss, IBatchSource<TBatch> batches, TrainConfig config,
        TrainerOptions? options = null)
    {
        Config = config.Validated();
        (_model, _loss, _batches, _options) = (model, loss, batches, options ?? new TrainerOptions());
        var named = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (named.Count == 0) throw new ArgumentException("The model has no trainable parameters.", nameof(model));
        // decayed parameters first: the optimizer's state order (and so the checkpoint's) follows its groups
        named = [.. named.Where(p => Decays(p.parameter)), .. named.Where(p => !Decays(p.parameter))];
        _parameters = [.. named.Select(p => p.parameter)];
        _optimizer = CreateOptimizer(named.Select(p => p.parameter).ToList());
        Ema = config.UseEma ? new EmaModel(model, config.Ema) : null;
        _parts = new(model, Ema, _optimizer, [.. named.Select(p => p.name)]);
        if (config.OutputDir is { } dir)
        {
            _store = new CheckpointStore(Path.Combine(dir, "checkpoints"));
            _metrics = new MetricsLog(Path.Combine(dir, "metrics.jsonl"));
        }
    }

    public TrainConfig Config { get; }

    /// <summary>Whether weight decay applies to a parameter: all of them, or only matrices and kernels (nanoGPT's rule).</summary>
    private bool Decays(Parameter p) => !Config.DecayMatricesOnly || p.dim() >= 2;

    private AdamW CreateOptimizer(List<Parameter> ordered)
    {
        var c = Config;
        if (!c.DecayMatricesOnly) return optim.AdamW(ordered, c.LearningRate, c.Beta1, c.Beta2, c.Eps, c.WeightDecay);
        var groups = new List<AdamW.ParamGroup>
        {
            new(ordered.Where(Decays), new AdamW.Options { weight_decay = c.WeightDecay }),
            new(ordered.Where(p => !Decays(p)), new AdamW.Options { weight_decay = 0 }),
        };
        return optim.AdamW(groups, c.LearningRate, c.Beta1, c.Beta2, c.Eps, c.WeightDecay);
    }

    /// <summary>Completed optimizer steps.</summary>
    public long Step { get; private set; }

    /// <summary>The EMA of the weights, or null when TrainConfig.UseEma is off.</summary>
    public EmaModel? Ema { get; }

    /// <summary>The last checkpoint written or resumed from.</summary>
    public string? LastCheckpoint { get; private set; }

    /// <summary>Entries of the parameters this trainer optimizes (those that require gradients).</summary>
    public long ParameterCount => _parameters.Sum(p => p.numel());

    /// <summary>
    /// Trains from <see cref="Step"/> to <paramref name="stopAt"/> (default TrainConfig.Steps; the schedule always spans
    /// TrainConfig.Steps) and checkpoints at the end when OutputDir is set.
    /// </summary>
    public TrainResult Run(long? stopAt = null, CancellationToken cancellation = default)
    {
        var end = Math.Min(stopAt ?? Config.Steps, Config.Steps);
        var display = _options.Display ?? TrainingDisplays.Create(Config.Progress, Config.LogEvery);
        var run = new RunClock(Step, Config.Steps);
        var window = new LossWindow();
        _metrics?.TruncateAfter(Step);   // lines of an abandoned or interrupted run past this step are rewritten
        _model.train();
        display.Start(Step, Config.Steps);
        try
        {
            while (Step < end)
            {
                cancellation.ThrowIfCancellationRequested();
                var (loss, lr, gradNorm) = TrainStep();
                window.Add(loss);
                display.Tick(new TrainTick(Step, Config.Steps, window.Mean, lr, run.ItersPerSecond(Step), run.Eta(Step)));
                if (Step % Config.LogEvery == 0 || Step == end) LogWindow(window, lr, gradNorm, run);
                if (Config.EvalEvery > 0 && Step % Config.EvalEvery == 0) Evaluate(display);
                if (Config.CheckpointEvery > 0 && Step % Config.CheckpointEvery == 0) SaveCheckpointAndNote(display);
            }
            if (_store is not null && LastCheckpoint != _store.PathFor(Step)) SaveCheckpointAndNote(display);
        }
        finally
        {
            display.Stop();
        }
        return new TrainResult(Step, window.LastMean, run.Seconds, run.ItersPerSecond(Step), LastCheckpoint);
    }

    /// <summary>Restores the newest checkpoint under OutputDir; false when there is none yet.</summary>
    public bool Resume()
    {
        var store = _store ?? throw new InvalidOperationException("Resume needs TrainConfig.OutputDir.");
        if (store.Latest() is not { } latest) return false;
        Restore(latest, requireExact: true);
        return true;
    }

    /// <summary>
    /// Restores weights, EMA, optimizer moments and step from a checkpoint directory: this run's, or another run's to go
    /// on training on other data; or, from a shipped model folder (no optimizer state), the model and EMA at the weights it
    /// samples with and fresh optimizer moments (<see cref="ResumedExactly"/> false). The method's files beside the weights (its
    /// normalizer) must be the ones this run writes, since the weights were trained in that normalized space.
    /// </summary>
    public void ResumeFrom(string checkpointDir) => Restore(checkpointDir, requireExact: false);

    private void Restore(string checkpointDir, bool requireExact)
    {
        if (!Directory.Exists(checkpointDir)) throw new DirectoryNotFoundException($"Checkpoint folder '{checkpointDir}' does not exist.");
        RequireSameExtraFiles(checkpointDir);
        (Step, ResumedExactly) = TrainerCheckpoint.Read(checkpointDir, _parts, Config, requireExact);
        LastCheckpoint = Path.GetFullPath(checkpointDir);
    }

    /// <summary>False after <see cref="ResumeFrom"/> a model folder without optimizer state (a warm start).</summary>
    public bool ResumedExactly { get; private set; } = true;

    private void RequireSameExtraFiles(string checkpointDir)
    {
        if (_options.WriteExtraFiles is not { } write) return;
        var fresh = Directory.CreateTempSubdirectory("robodiff-extra-");
        try
        {
            write(fresh.FullName);
            foreach (var file in fresh.EnumerateFiles())
            {
                var saved = Path.Combine(checkpointDir, file.Name);
                if (!File.Exists(saved)) throw new FileNotFoundException($"Checkpoint '{checkpointDir}' has no {file.Name}.", saved);
                if (!File.ReadAllBytes(saved).AsSpan().SequenceEqual(File.ReadAllBytes(file.FullName)))
                    throw new InvalidOperationException(
                        $"{file.Name} of checkpoint '{checkpointDir}' differs from the one this run fits on its dataset: the weights " +
                        "were trained on data scaled otherwise. Train from scratch, or on data with the same ranges.");
            }
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    /// <summary>Writes a checkpoint of the current step under OutputDir/checkpoints and prunes old ones.</summary>
    public string SaveCheckpoint()
    {
        var store = _store ?? throw new InvalidOperationException("Saving checkpoints needs TrainConfig.OutputDir.");
        var path = store.Save(Step, dir =>
        {
            TrainerCheckpoint.Write(dir, _parts, Step, Config, _options.ModelConfig);
            _options.WriteExtraFiles?.Invoke(dir);
        });
        store.Prune(Config.KeepCheckpoints);
        LastCheckpoint = path;
        return path;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        Ema?.Dispose();
        _dataRng.Dispose();
        _lossRng.Dispose();
    }

    private (double Loss, double Lr, double GradNorm) TrainStep()
    {
        using var scope = NewDisposeScope();
        using var region = NoGcRegion.Enter();   // TorchSharp's implicit Scalars must outlive their native calls
        var s = Step;
        // 1. schedule and per-step seeds: the state at step s depends on s alone
        var lr = LearningRates.At(s, Config);
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = lr;
        _dataRng.manual_seed(SeedStreams.Derive(Config.Seed, SeedStreams.Data, s));
        _lossRng.manual_seed(SeedStreams.Derive(Config.Seed, SeedStreams.Loss, s));
        if (Config.ReseedGlobalRng) manual_seed(SeedStreams.Derive(Config.Seed, SeedStreams.Global, s));
        // 2. loss and gradients
        var batch = _batches.GetBatch(s, _dataRng);
        _optimizer.zero_grad();
        Tensor loss;
        using (Nn.MixedPrecision.Bf16(Config.MixedPrecision == MixedPrecisionMode.Bf16))
            loss = _loss(batch, _lossRng);
        if (loss.numel() != 1) throw new InvalidOperationException($"The loss must be a scalar, got shape [{string.Join(", ", loss.shape)}].");
        var value = loss.ToDouble();
        if (!double.IsFinite(value)) throw new InvalidOperationException($"The loss is {value} at step {s} (lr {lr:G3}).");
        loss.backward();
        // 3. clip, update, average
        var gradNorm = Config.GradClipNorm is { } max ? nn.utils.clip_grad_norm_(_parameters, max) : double.NaN;
        _optimizer.step();
        Ema?.Step(_model);
        Step = s + 1;
        return (value, lr, gradNorm);
    }

    private void LogWindow(LossWindow window, double lr, double gradNorm, RunClock run)
    {
        var values = new List<KeyValuePair<string, double>>
        {
            new("loss", window.Mean), new("lr", lr), new("it_s", window.ItersPerSecond()), new("elapsed_s", run.Seconds),
        };
        if (Config.GradClipNorm is not null) values.Add(new("grad_norm", gradNorm));
        if (Ema is not null) values.Add(new("ema_decay", Ema.Decay));
        _metrics?.Append(Step, values);
        window.Reset();
    }

    private void Evaluate(ITrainingDisplay display)
    {
        if (_options.Evaluate is not { } evaluate) return;
        IReadOnlyDictionary<string, double> metrics;
        _model.eval();
        try
        {
            using var noGrad = no_grad();
            using var swap = Ema?.SwapIn(_model);
            metrics = evaluate(Step);
        }
        finally
        {
            _model.train();
        }
        _metrics?.Append(Step, metrics.Select(m => new KeyValuePair<string, double>($"eval/{m.Key}", m.Value)));
        display.Note(string.Create(CultureInfo.InvariantCulture,
            $"eval @ {Step}: {string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:G4}"))}"));
    }

    private void SaveCheckpointAndNote(ITrainingDisplay display) => display.Note($"checkpoint {SaveCheckpoint()}");

    /// <summary>Mean loss and speed since the last log line.</summary>
    private sealed class LossWindow
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _sum;
        private int _count;

        public double Mean => _count == 0 ? LastMean : _sum / _count;
        public double LastMean { get; private set; } = double.NaN;

        public void Add(double loss) { _sum += loss; _count++; }
        public double ItersPerSecond() => _count / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        public void Reset() { LastMean = Mean; _sum = 0; _count = 0; _clock.Restart(); }
    }

    /// <summary>Speed and time remaining of this call.</summary>
    private sealed class RunClock(long firstStep, long totalSteps)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public double Seconds => _clock.Elapsed.TotalSeconds;
        public double ItersPerSecond(long step) => (step - firstStep) / Math.Max(Seconds, 1e-9);
        public TimeSpan Eta(long step) => ItersPerSecond(step) is var r && r > 0
            ? TimeSpan.FromSeconds(Math.Min((totalSteps - step) / r, TimeSpan.MaxValue.TotalSeconds / 2)) : TimeSpan.Zero;
    }
}
