using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Evaluation;
using RoboDiffusion.Nn;
using RoboDiffusion.Toy;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Experiments.Toy;

/// <summary>What a toy run produced: samples, the data they are judged against, and the distance between them.</summary>
/// <remarks><see cref="NoiseFloor"/> is the distance between two independent data draws of the same size: the best a
/// perfect sampler could show, since finite samples never match exactly.</remarks>
public sealed record ToyRunResult(Tensor Samples, Tensor Reference, double SlicedWasserstein, double NoiseFloor,
    TrainResult? Training, double SamplingSeconds);

/// <summary>
/// The core end to end on a 2-D distribution: train an MLP denoiser (or take gmm8's exact one), sample it from
/// x = σ_max·z with any sampler and σ grid, and measure the sliced Wasserstein-2 distance to fresh data.
/// </summary>
public static class ToyRun
{
    /// <summary>Runs <paramref name="config"/>; <paramref name="initNoise"/> is z [n, 2] (null: drawn from the seed).</summary>
    public static ToyRunResult Run(ToyRunConfig config, Tensor? initNoise = null, ITrainingDisplay? display = null)
    {
        var c = config.Validated();
        var z = initNoise ?? randn([c.Samples, 2], dtype: ScalarType.Float64, generator: new Generator((ulong)c.Seed + 1));
        if (z.dim() != 2 || z.shape[1] != 2)
            throw new ArgumentException($"The initial noise must have shape [n, 2]; got [{string.Join(", ", z.shape)}].");

        TrainResult? training = null;
        MlpDenoiser? network = null;
        Denoiser denoise;
        if (c.Denoiser == ToyDenoiserKind.Exact)
        {
            denoise = GaussianMixture.Gmm8().AsDenoiser();
            z = z.to_type(ScalarType.Float64);
        }
        else
        {
            (network, training) = Train(c, display);
            var net = network.AsNetworkFn();
            denoise = DiffusionObjectives.CreateParameterization(c.Objective).Denoiser(net).Bind(null);
            z = z.to_type(ScalarType.Float32);
        }

        var sigmas = c.Grid.Create(new Diffusion.Schedules.DiscreteSchedule(c.Objective.Schedule));
        Tensor samples;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (no_grad())
        {
            var options = c.SamplerOptions with { Seed = c.SamplerOptions.Seed == 0 ? c.Seed + 2 : c.SamplerOptions.Seed };
            samples = SamplerRegistry.Sample(c.Sampler, denoise, z * sigmas[0], sigmas, options).to_type(ScalarType.Float64);
        }
        var samplingSeconds = clock.Elapsed.TotalSeconds;
        network?.Dispose();

        var reference = ToyDatasets.Sample(c.Dataset, c.Samples, new Generator((ulong)c.Seed + 3), ScalarType.Float64);
        var second = ToyDatasets.Sample(c.Dataset, c.Samples, new Generator((ulong)c.Seed + 5), ScalarType.Float64);
        var distance = SlicedWasserstein.Distance(samples, reference, new Generator((ulong)c.Seed + 4));
        var floor = SlicedWasserstein.Distance(second, reference, new Generator((ulong)c.Seed + 4));
        return new ToyRunResult(samples, reference, distance, floor, training, samplingSeconds);
    }

    /// <summary>Trains the MLP on fresh draws of the dataset every step (an infinite dataset: no epochs, no overfitting).</summary>
    private static (MlpDenoiser, TrainResult) Train(ToyRunConfig c, ITrainingDisplay? display)
    {
        manual_seed(c.Seed);
        var network = new MlpDenoiser(c.Network with { DataDim = 2 });
        var objective = DiffusionObjectives.Create(c.Objective);
        var net = network.AsNetworkFn();
        var source = new ToyBatches(c.Dataset, c.BatchSize);
        using var trainer = new Trainer<Tensor>(network, (batch, g) => objective.Loss(net, batch, null, g).mean(), source,
            c.Training with { Steps = c.TrainSteps, Seed = c.Seed, OutputDir = null }, new TrainerOptions { Display = display });
        var result = trainer.Run();
        trainer.Ema?.CopyTo(network);   // sample with the averaged weights, as the EMA is meant to be used
        network.eval();
        return (network, result);
    }

    private sealed class ToyBatches(string dataset, int batchSize) : IBatchSource<Tensor>
    {
        public Tensor GetBatch(long index, Generator generator) => ToyDatasets.Sample(dataset, batchSize, generator);
    }
}
