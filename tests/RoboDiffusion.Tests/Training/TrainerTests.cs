using RoboDiffusion.Checkpoints;
using RoboDiffusion.Runtime;
using RoboDiffusion.Tests.Checkpoints;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Training;

public sealed class TrainerTests
{
    public TrainerTests() => TorchRuntime.Initialize();

    /// <summary>x ~ U(−1, 1), y = 3x − 2: batch i drawn from the generator the trainer seeds for step i.</summary>
    private sealed class LineSource : IBatchSource<(Tensor X, Tensor Y)>
    {
        public (Tensor X, Tensor Y) GetBatch(long index, Generator generator)
        {
            var x = rand(32, 1, dtype: float64, generator: generator) * 2 - 1;   // [32, 1]
            return (x, 3 * x - 2);
        }
    }

    private static nn.Module<Tensor, Tensor> SmallNet(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(nn.Linear(1, 16, dtype: float64), nn.SiLU(), nn.Dropout(0.2), nn.Linear(16, 1, dtype: float64));
    }

    private static LossFn<(Tensor X, Tensor Y)> NoisyMse(nn.Module<Tensor, Tensor> net) =>
        (b, g) => nn.functional.mse_loss(net.forward(b.X), b.Y + 0.1 * randn(b.Y.shape, dtype: float64, generator: g));

    [Fact]
    public void Trainer_fits_a_linear_regression()
    {
        var net = nn.Linear(1, 1, dtype: float64);
        var config = new TrainConfig
        {
            Steps = 400, LearningRate = 0.05, Schedule = LrSchedule.Constant, WarmupSteps = 0, UseEma = false, Progress = ProgressMode.None,
        };
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => nn.functional.mse_loss(net.forward(b.X), b.Y),
            new LineSource(), config);
        var result = trainer.Run();
        Assert.Equal(400, result.Step);
        Assert.True(result.FinalLoss < 1e-3, $"final loss {result.FinalLoss}");
        Assert.InRange(net.weight!.item<double>(), 2.95, 3.05);
        Assert.InRange(net.bias!.item<double>(), -2.05, -1.95);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_bit_identical_weights_to_an_uninterrupted_run()
    {
        using var dirA = new TempDir();
        using var dirB = new TempDir();
        TrainConfig Config(string dir) => new()
        {
            Steps = 20, LearningRate = 1e-2, WarmupSteps = 4, GradClipNorm = 1.0, LogEvery = 5, CheckpointEvery = 5,
            KeepCheckpoints = 0, Seed = 7, OutputDir = dir, Progress = ProgressMode.None,
        };
        // A: 20 steps in one go.
        var netA = SmallNet(1);
        using (var a = new Trainer<(Tensor X, Tensor Y)>(netA, NoisyMse(netA), new LineSource(), Config(dirA.Path)))
        {
            a.Run();
            CopyShadow(a, out var shadowA);
            // B: interrupted at 12, resumed from the step-10 checkpoint by a fresh process-like setup.
            var netB0 = SmallNet(1);
            using (var b0 = new Trainer<(Tensor X, Tensor Y)>(netB0, NoisyMse(netB0), new LineSource(), Config(dirB.Path)))
                b0.Run(stopAt: 12);
            var netB = SmallNet(99);                                     // different init: everything must come from disk
            using var b = new Trainer<(Tensor X, Tensor Y)>(netB, NoisyMse(netB), new LineSource(), Config(dirB.Path));
            b.ResumeFrom(new CheckpointStore(Path.Combine(dirB.Path, "checkpoints")).PathFor(10));
            Assert.Equal(10, b.Step);
            b.Run();
            var stateA = netA.state_dict();
            foreach (var (name, t) in netB.state_dict()) Assert.True(TensorBits.Same(t, stateA[name]), $"weights {name}");
            foreach (var (name, t) in b.Ema!.Shadow) Assert.True(TensorBits.Same(t, shadowA[name]), $"EMA {name}");
            Assert.Equal(a.Ema!.OptimizationStep, b.Ema.OptimizationStep);
        }
        var lossA = new MetricsLog(Path.Combine(dirA.Path, "metrics.jsonl")).ReadAll().Select(l => (l["step"], l["loss"]));
        var lossB = new MetricsLog(Path.Combine(dirB.Path, "metrics.jsonl")).ReadAll().Select(l => (l["step"], l["loss"]));
        Assert.Equal(lossA, lossB);                                      // the lines logged past step 10 were replaced
    }

    [Fact]
    public void A_checkpoint_continues_in_another_run_only_with_the_same_files_beside_the_weights()
    {
        using var source = new TempDir();
        using var target = new TempDir();
        TrainerOptions Writing(string text) => new() { WriteExtraFiles = dir => File.WriteAllText(Path.Combine(dir, "normalizer.txt"), text) };
        TrainConfig Config(string dir, long steps) => new() { Steps = steps, Seed = 7, OutputDir = dir, Progress = ProgressMode.None };
        var netA = SmallNet(1);
        using var a = new Trainer<(Tensor X, Tensor Y)>(netA, NoisyMse(netA), new LineSource(), Config(source.Path, 6), Writing("min 0 max 1"));
        a.Run(stopAt: 4);
        var checkpoint = a.LastCheckpoint!;

        var netB = SmallNet(2);
        using var b = new Trainer<(Tensor X, Tensor Y)>(netB, NoisyMse(netB), new LineSource(), Config(target.Path, 6), Writing("min 0 max 2"));
        var e = Assert.Throws<InvalidOperationException>(() => b.ResumeFrom(checkpoint));
        Assert.Contains("normalizer.txt", e.Message);
        Assert.Equal(0, b.Step);                                         // nothing was loaded

        var netC = SmallNet(3);
        using var c = new Trainer<(Tensor X, Tensor Y)>(netC, NoisyMse(netC), new LineSource(), Config(target.Path, 6), Writing("min 0 max 1"));
        c.ResumeFrom(checkpoint);
        Assert.Equal(4, c.Step);
        c.Run();
        a.Run();                                                         // the source's own continuation, on the same batches
        foreach (var (name, t) in netC.state_dict()) Assert.True(TensorBits.Same(t, netA.state_dict()[name]), name);
        Assert.NotNull(new CheckpointStore(Path.Combine(target.Path, "checkpoints")).Latest());
    }

    [Fact]
    public void A_shipped_model_folder_warm_starts_at_its_ema_weights_with_fresh_adam_moments()
    {
        using var source = new TempDir();
        using var shipped = new TempDir();
        using var target = new TempDir();
        const double lr = 1e-3;
        TrainConfig Config(string dir) => new()
        {
            Steps = 20, LearningRate = lr, Schedule = LrSchedule.Constant, WarmupSteps = 0, WeightDecay = 0, Seed = 7, OutputDir = dir,
            Progress = ProgressMode.None,
        };
        var netA = SmallNet(1);
        using var a = new Trainer<(Tensor X, Tensor Y)>(netA, NoisyMse(netA), new LineSource(), Config(source.Path));
        a.Run(stopAt: 6);
        foreach (var file in new[] { CheckpointStore.EmaFile, CheckpointStore.TrainerStateFile, CheckpointStore.ConfigFile })
            File.Copy(Path.Combine(a.LastCheckpoint!, file), Path.Combine(shipped.Path, file));   // what models/ keeps

        var netB = SmallNet(2);
        var before = new Dictionary<string, Tensor>();
        using var b = new Trainer<(Tensor X, Tensor Y)>(netB, NoisyMse(netB), new LineSource(), Config(target.Path));
        b.ResumeFrom(shipped.Path);
        Assert.Equal(6, b.Step);
        Assert.False(b.ResumedExactly);
        Assert.Equal(a.Ema!.OptimizationStep, b.Ema!.OptimizationStep);
        foreach (var (name, t) in netB.state_dict())
        {
            Assert.True(TensorBits.Same(t, a.Ema.Shadow[name]), $"weights {name} = EMA");
            Assert.True(TensorBits.Same(b.Ema.Shadow[name], a.Ema.Shadow[name]), $"EMA {name}");
            before[name] = t.detach().clone();
        }
        // Adam's first bias-corrected step from zero moments moves every weight with a gradient by lr·g/(|g| + ε) ≈ ±lr;
        // restored moments would give other step sizes.
        b.Run(stopAt: 7);
        foreach (var (name, t) in netB.state_dict())
        {
            var moved = (t - before[name]).abs();
            var withGradient = moved > 1e-12;
            Assert.True(withGradient.any().item<bool>(), name);
            Assert.True(torch.allclose(moved[withGradient], torch.full_like(moved[withGradient], lr), rtol: 1e-3), $"{name} moved by {moved.max().item<double>()}");
        }
    }

    [Fact]
    public void Resume_on_an_empty_output_directory_starts_fresh()
    {
        using var dir = new TempDir();
        var net = SmallNet(1);
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, NoisyMse(net), new LineSource(),
            new TrainConfig { Steps = 3, OutputDir = dir.Path, Progress = ProgressMode.None });
        Assert.False(trainer.Resume());
        trainer.Run();
        var ckpt = new CheckpointStore(Path.Combine(dir.Path, "checkpoints")).Latest()!;
        foreach (var file in new[] { "model.safetensors", "ema.safetensors", "optimizer.safetensors", "config.json", "trainer_state.json" })
            Assert.True(File.Exists(Path.Combine(ckpt, file)), file);
        Assert.Contains("\"learning_rate\"", File.ReadAllText(Path.Combine(ckpt, "config.json")));
    }

    [Fact]
    public void Evaluation_runs_every_n_steps_on_the_ema_weights_without_gradients()
    {
        using var dir = new TempDir();
        var net = nn.Linear(1, 1, dtype: float64);
        var seen = new List<long>();
        Trainer<(Tensor X, Tensor Y)>? trainer = null;
        EvalHook hook = step =>
        {
            seen.Add(step);
            Assert.False(is_grad_enabled());
            Assert.True(TensorBits.Same(net.weight!, trainer!.Ema!.Shadow["weight"]));
            return new Dictionary<string, double> { ["w"] = net.weight!.item<double>() };
        };
        trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => nn.functional.mse_loss(net.forward(b.X), b.Y), new LineSource(),
            new TrainConfig { Steps = 10, EvalEvery = 5, LogEvery = 5, OutputDir = dir.Path, Progress = ProgressMode.None },
            new TrainerOptions { Evaluate = hook });
        using (trainer) trainer.Run();
        Assert.Equal([5L, 10L], seen);
        var lines = new MetricsLog(Path.Combine(dir.Path, "metrics.jsonl")).ReadAll();
        Assert.Equal(2, lines.Count(l => l.ContainsKey("eval/w")));
        Assert.All(lines.Where(l => l.ContainsKey("loss")), l => Assert.True(l.ContainsKey("lr") && l.ContainsKey("it_s")));
    }

    [Fact]
    public void A_non_finite_loss_stops_training_and_names_the_step()
    {
        var net = nn.Linear(1, 1, dtype: float64);
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => net.forward(b.X).sum() * double.NaN, new LineSource(),
            new TrainConfig { Steps = 5, Progress = ProgressMode.None });
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.Contains("NaN at step 0", e.Message);
    }

    [Fact]
    public void Plain_display_prints_one_line_every_log_interval()
    {
        var net = nn.Linear(1, 1, dtype: float64);
        var output = new StringWriter();
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => nn.functional.mse_loss(net.forward(b.X), b.Y), new LineSource(),
            new TrainConfig { Steps = 10, LogEvery = 4 }, new TrainerOptions { Display = new PlainTrainingDisplay(output, 4) });
        trainer.Run();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["training 10 steps"], lines[..1]);
        Assert.Equal(["step 4/10", "step 8/10", "step 10/10"], lines[1..].Select(l => string.Join(' ', l.Split(' ')[..2])));
        Assert.All(lines[1..], l => Assert.Matches(@"loss \S+ lr \S+ \S+ it/s eta \d+:\d\d:\d\d", l));
    }

    [Theory]
    [InlineData(20.0, "eta 0:00:20")]
    [InlineData(3 * 3600 + 61.0, "eta 3:01:01")]
    [InlineData(25 * 3600 + 180.0, "eta 25:03:00")]   // a TimeSpan's "h" drops whole days: 1:03:00 would be a day short
    public void Plain_display_counts_the_eta_in_hours_past_a_day(double seconds, string expected)
    {
        var line = PlainTrainingDisplay.Format(new TrainTick(78_000, 200_000, 0.067, 8e-4, 1.4, TimeSpan.FromSeconds(seconds)));
        Assert.EndsWith(expected, line);
    }

    [Fact]
    public void The_first_warmup_step_has_learning_rate_zero_so_weights_stay_put()
    {   // Cosine warm-up: lr(0) = base·0/warmup = 0, and AdamW with lr 0 also skips the weight decay.
        var net = nn.Linear(1, 1, dtype: float64);
        var before = net.weight!.clone();
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => nn.functional.mse_loss(net.forward(b.X), b.Y), new LineSource(),
            new TrainConfig { Steps = 100, WarmupSteps = 10, LearningRate = 0.1, Progress = ProgressMode.None });
        trainer.Run(stopAt: 1);
        Assert.True(TensorBits.Same(before, net.weight!));
        trainer.Run(stopAt: 2);
        Assert.False(TensorBits.Same(before, net.weight!));
    }

    [Fact]
    public void Gradients_are_clipped_to_the_global_norm()
    {   // After a step the gradients are still in place: their global norm is the clip value (the raw norm is far larger).
        using var dir = new TempDir();
        var net = nn.Linear(1, 1, dtype: float64);
        var norms = new List<double>();
        EvalHook hook = _ => { norms.Add(Math.Sqrt(net.parameters().Sum(p => p.grad!.pow(2).sum().item<double>()))); return new Dictionary<string, double>(); };
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(net, (b, _) => 100 * nn.functional.mse_loss(net.forward(b.X), b.Y), new LineSource(),
            new TrainConfig { Steps = 3, GradClipNorm = 1e-3, EvalEvery = 1, LogEvery = 1, OutputDir = dir.Path, Progress = ProgressMode.None },
            new TrainerOptions { Evaluate = hook });
        trainer.Run();
        Assert.All(norms, n => Assert.Equal(1e-3, n, 8));   // libtorch divides by (norm + 1e-6)
        var logged = new MetricsLog(Path.Combine(dir.Path, "metrics.jsonl")).ReadAll().Where(l => l.ContainsKey("grad_norm"));
        Assert.All(logged, l => Assert.True(l["grad_norm"] > 1.0, "the logged norm is the one before clipping"));
    }

    [Fact]
    public void A_checkpoint_gives_back_the_ema_weights_and_the_model_config()
    {
        using var dir = new TempDir();
        var config = new RoboDiffusion.Nn.MlpDenoiserConfig { Width = 8, Depth = 1, Activation = RoboDiffusion.Nn.MlpActivation.Mish };
        var net = new RoboDiffusion.Nn.MlpDenoiser(config);
        var fn = net.AsNetworkFn();
        using var trainer = new Trainer<Tensor>(net, (x, g) => fn(x, rand(x.shape[0], generator: g), null).pow(2).mean(), new RingSource(),
            new TrainConfig { Steps = 5, OutputDir = dir.Path, Progress = ProgressMode.None }, new TrainerOptions { ModelConfig = config });
        var result = trainer.Run();
        var restored = TrainedWeights.ReadModelConfig<RoboDiffusion.Nn.MlpDenoiserConfig>(result.Checkpoint!);
        Assert.Equal(config, restored);
        Assert.Equal(5, TrainedWeights.ReadTrainConfig(result.Checkpoint!).Steps);
        var copy = new RoboDiffusion.Nn.MlpDenoiser(restored);
        Assert.EndsWith("ema.safetensors", TrainedWeights.Load(copy, result.Checkpoint!));
        foreach (var (name, t) in copy.state_dict()) Assert.True(TensorBits.Same(t, trainer.Ema!.Shadow[name]), name);
    }

    [Fact]
    public void Resuming_a_damaged_checkpoint_or_with_another_seed_names_the_problem()
    {
        using var dir = new TempDir();
        var net = nn.Linear(1, 1, dtype: float64);
        LossFn<(Tensor X, Tensor Y)> loss = (b, _) => nn.functional.mse_loss(net.forward(b.X), b.Y);
        var config = new TrainConfig { Steps = 2, Seed = 1, OutputDir = dir.Path, Progress = ProgressMode.None };
        string ckpt;
        using (var first = new Trainer<(Tensor X, Tensor Y)>(net, loss, new LineSource(), config)) ckpt = first.Run().Checkpoint!;
        using (var other = new Trainer<(Tensor X, Tensor Y)>(net, loss, new LineSource(), config with { Seed = 2 }))
            Assert.Contains("seed 1 but the config has seed 2", Assert.Throws<InvalidOperationException>(() => other.Resume()).Message);
        File.Delete(Path.Combine(ckpt, "optimizer.safetensors"));
        using var again = new Trainer<(Tensor X, Tensor Y)>(net, loss, new LineSource(), config);
        Assert.Contains("has no optimizer.safetensors", Assert.Throws<FileNotFoundException>(() => again.Resume()).Message);
    }

    [Theory]
    [InlineData(false, 0.95)]   // decoupled decay on every tensor: θ ← θ − lr·λ·θ
    [InlineData(true, 1.0)]     // matrices only: the bias keeps its value
    public void Weight_decay_of_matrices_only_leaves_biases_alone(bool matricesOnly, double biasFactor)
    {   // A zero loss has zero gradients, so Adam's step is 0/(0 + ε) = 0 and only the decay moves the weights.
        var net = nn.Linear(2, 2, dtype: float64);
        var (w0, b0) = (net.weight!.clone(), net.bias!.clone());
        LossFn<(Tensor X, Tensor Y)> zero = (b, _) => net.forward(b.X.expand(-1, 2)).sum() * 0.0;
        var config = new TrainConfig
        {
            Steps = 1, LearningRate = 0.1, WeightDecay = 0.5, WarmupSteps = 0, Schedule = LrSchedule.Constant,
            DecayMatricesOnly = matricesOnly, UseEma = false, Progress = ProgressMode.None,
        };
        using (var trainer = new Trainer<(Tensor X, Tensor Y)>(net, zero, new LineSource(), config)) trainer.Run();
        Assert.True(net.weight!.allclose(w0 * 0.95, rtol: 0, atol: 1e-15), "weights decay by 1 − lr·λ = 0.95");
        Assert.True(net.bias!.allclose(b0 * biasFactor, rtol: 0, atol: 1e-15));
    }

    private sealed class RingSource : IBatchSource<Tensor>
    {
        public Tensor GetBatch(long index, Generator generator)
        {
            var a = rand(16, generator: generator) * 2 * Math.PI;
            return stack([a.cos(), a.sin()], 1);   // [16, 2]
        }
    }

    private static void CopyShadow(Trainer<(Tensor X, Tensor Y)> trainer, out Dictionary<string, Tensor> shadow) =>
        shadow = trainer.Ema!.Shadow.ToDictionary(p => p.Key, p => p.Value.clone());
}
