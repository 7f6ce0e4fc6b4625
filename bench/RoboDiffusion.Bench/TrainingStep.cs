using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Nn;
using RoboDiffusion.Toy;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Bench;

/// <summary>
/// One training step of the toy MLP with an EDM objective: the core's <see cref="Trainer{TBatch}"/> (with and without
/// EMA) against a raw TorchSharp loop (AdamW, same model, same loss, same batch size).
/// </summary>
internal static class TrainingStep
{
    public static IEnumerable<string> Run(int batch, int steps, int repeats)
    {
        var objective = DiffusionObjectives.Create(new ObjectiveConfig { Parameterization = Parameterization.Edm });
        var net = new MlpDenoiserConfig { Width = 128, Depth = 3 };
        var train = new TrainConfig { Steps = steps, LearningRate = 1e-3, WarmupSteps = 10, Progress = ProgressMode.None };
        yield return "| loop | ms per step (ours) | ms per step (raw loop) | ratio |";
        yield return "|---|---|---|---|";
        foreach (var ema in new[] { false, true })
        {
            var (ours, raw) = Timing.MedianPair(
                () => Trainer(objective, net, train with { UseEma = ema }, batch),
                () => Raw(objective, net, train, batch),
                repeats);
            yield return $"| Trainer{(ema ? " + EMA" : "")} | {ours / steps * 1e3:F2} | {raw / steps * 1e3:F2} | {ours / raw:F2} |";
        }
    }

    private static void Trainer(DiffusionObjective objective, MlpDenoiserConfig config, TrainConfig train, int batch)
    {
        using var model = new MlpDenoiser(config);
        var fn = model.AsNetworkFn();
        using var trainer = new Trainer<Tensor>(model, (x, g) => objective.Loss(fn, x, null, g).mean(), new Gmm8Batches(batch), train);
        trainer.Run();
    }

    private static void Raw(DiffusionObjective objective, MlpDenoiserConfig config, TrainConfig train, int batch)
    {
        using var model = new MlpDenoiser(config);
        var fn = model.AsNetworkFn();
        using var optimizer = optim.AdamW(model.parameters(), train.LearningRate, train.Beta1, train.Beta2, train.Eps, train.WeightDecay);
        var generator = new Generator(0);
        var gmm = GaussianMixture.Gmm8();
        for (var i = 0; i < train.Steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = objective.Loss(fn, gmm.Sample(batch, generator, ScalarType.Float32), null, generator).mean();
            loss.backward();
            optimizer.step();
        }
    }

    private sealed class Gmm8Batches(int batch) : IBatchSource<Tensor>
    {
        private readonly GaussianMixture _gmm = GaussianMixture.Gmm8();
        public Tensor GetBatch(long index, Generator generator) => _gmm.Sample(batch, generator, ScalarType.Float32);
    }
}
