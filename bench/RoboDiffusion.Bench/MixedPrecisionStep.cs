using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Nn;
using RoboDiffusion.Nn.Vision;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Bench;

/// <summary>
/// One <see cref="Trainer{TBatch}"/> step with bf16 mixed precision against fp32 (the same model, loss and batches, timed
/// interleaved) for Diffuser's Maze2D U-Net (transition 6, channels 32/128/256, batch 32) at each maze's horizon, and for
/// Diffusion Policy's image encoder on a Push-T image batch.
/// </summary>
internal static class MixedPrecisionStep
{
    public static IEnumerable<string> Run(int steps, int repeats)
    {
        var objective = DiffusionObjectives.Create(new ObjectiveConfig { Parameterization = Parameterization.Sample });
        var net = new ConditionalUnet1DConfig
        {
            InputDim = 6, GlobalCondDim = 0, DiffusionStepEmbedDim = 32, DownDims = [32, 128, 256], CondPredictScale = false,
        };
        var train = new TrainConfig { Steps = steps, LearningRate = 2e-4, Schedule = LrSchedule.Constant, WarmupSteps = 0, Progress = ProgressMode.None };
        yield return "| maze (horizon) | ms per step, bf16 mixed | ms per step, fp32 | speed-up |";
        yield return "|---|---|---|---|";
        foreach (var (maze, horizon) in new[] { ("U-Maze", 128), ("Medium", 256), ("Large", 384) })
        {
            var (bf16, fp32) = Timing.MedianPair(
                () => Train(objective, net, train with { MixedPrecision = MixedPrecisionMode.Bf16 }, horizon),
                () => Train(objective, net, train, horizon),
                repeats, warmup: 1);
            yield return $"| {maze} ({horizon}) | {bf16 / steps * 1e3:F0} | {fp32 / steps * 1e3:F0} | {fp32 / bf16:F2} |";
        }
        yield return "";
        yield return "| image encoder (ResNet-18 GN + spatial softmax), 64 images 96×96 cropped to 84 | ms per step, bf16 mixed | ms per step, fp32 | speed-up |";
        yield return "|---|---|---|---|";
        var (imagesBf16, imagesFp32) = Timing.MedianPair(
            () => TrainEncoder(train with { MixedPrecision = MixedPrecisionMode.Bf16 }),
            () => TrainEncoder(train),
            repeats, warmup: 1);
        yield return $"| batch 32 × 2 observation steps | {imagesBf16 / steps * 1e3:F0} | {imagesFp32 / steps * 1e3:F0} | {imagesFp32 / imagesBf16:F2} |";
    }

    /// <summary>Diffusion Policy's Push-T image encoder trained on a stand-in loss: the convolutions carry the work.</summary>
    private static void TrainEncoder(TrainConfig train)
    {
        using var generator = new Generator(0);
        using var encoder = new ImageEncoder(new ImageEncoderConfig { ImageSize = 96, CropSize = 84 }, generator);
        using var trainer = new Trainer<Tensor>(encoder, (x, g) => encoder.Encode(x, g).square().mean(), new Images(), train);
        trainer.Run();
    }

    private sealed class Images : IBatchSource<Tensor>
    {
        public Tensor GetBatch(long index, Generator generator) => rand([64, 3, 96, 96], generator: generator);
    }

    private static void Train(DiffusionObjective objective, ConditionalUnet1DConfig config, TrainConfig train, int horizon)
    {
        manual_seed(0);
        using var model = new ConditionalUnet1D(config);
        var fn = model.AsNetworkFn();
        using var trainer = new Trainer<Tensor>(model, (x, g) => objective.Loss(fn, x, null, g).mean(), new Trajectories(horizon), train);
        trainer.Run();
    }

    private sealed class Trajectories(int horizon) : IBatchSource<Tensor>
    {
        public Tensor GetBatch(long index, Generator generator) => rand([32, horizon, 6], generator: generator) * 2 - 1;
    }
}
