using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.MotionPlanning.Datasets;
using RoboDiffusion.Planners.Mpd;
using RoboDiffusion.Runtime;
using RoboDiffusion.Training;

namespace RoboDiffusion.Tests.Planners.Mpd;

/// <summary>Baby MPD planners (H = 64, U-Net 16/32 channels, 25 exponential steps) and a tiny dataset from `collect mpd`.</summary>
internal static class TinyMpd
{
    public static MpdConfig Config() => new MpdConfig
    {
        Unet = new() { DownDims = [16, 32], DiffusionStepEmbedDim = 16, NGroups = 2, CondPredictScale = false },
        Samples = 3,
    }.Resolved(4);

    public static NormalizerSet Normalizer() => new(new Dictionary<string, MinMaxNormalizer>
    {
        ["observation.state"] = MinMaxNormalizer.FromStats([-1, -1, -2, -2], [1, 1, 2, 2]),
    });

    public static MpdPlanner Create(long seed = 0)
    {
        TorchRuntime.Initialize();
        return new MpdPlanner(Config(), Normalizer(), seed);
    }

    /// <summary>A tiny LeRobot dataset of hybrid-planner trajectories in simple2d.</summary>
    public static string Dataset(string dir)
    {
        var code = MpdCollectCommand.Run("simple2d", new ContextGeneratorOptions { Contexts = 2, PerContext = 2, Seed = 3, TimeLimitSeconds = 5 }, dir, false, TextWriter.Null);
        if (code != 0) throw new InvalidOperationException("collect mpd failed");
        return dir;
    }

    /// <summary>A short training run of the baby planner, without EMA, checkpointed at its last step.</summary>
    public static MpdTraining Training(string dataset, string output, long steps, double lr = 1e-3, int horizon = 64)
    {
        TorchRuntime.Initialize();
        var config = new MpdTrainConfig
        {
            Dataset = dataset, BatchSize = 8, Planner = Config() with { Horizon = horizon },
            Training = new MpdTrainConfig().Training with
            {
                Steps = steps, LearningRate = lr, LogEvery = 1, CheckpointEvery = steps, OutputDir = output, UseEma = false,
            },
        };
        return new MpdTraining(config, TrainingDisplays.Create(ProgressMode.None, 1));
    }
}
