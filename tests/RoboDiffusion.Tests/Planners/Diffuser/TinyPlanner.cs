using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Runtime;

namespace RoboDiffusion.Tests.Planners.Diffuser;

/// <summary>An untrained baby planner (H = 64, U-Net 16/64 channels, 10 diffusion steps) over Maze2D-shaped data.</summary>
internal static class TinyPlanner
{
    public static DiffuserConfig Config() => new DiffuserConfig
    {
        Horizon = 64,
        Unet = new() { DownDims = [16, 64], DiffusionStepEmbedDim = 16, NGroups = 2, CondPredictScale = false },
        Objective = new() { Parameterization = RoboDiffusion.Diffusion.Denoisers.Parameterization.Sample,
            Schedule = new DiscreteScheduleConfig { NumTrainTimesteps = 10, Schedule = BetaSchedule.SquaredcosCapV2 } },
    }.Resolved(4, 2);

    public static NormalizerSet Normalizer() => new(new Dictionary<string, MinMaxNormalizer>
    {
        ["observation.state"] = MinMaxNormalizer.FromStats([0, 0, -3, -3], [4, 4, 3, 3]),
        ["action"] = MinMaxNormalizer.FromStats([-1, -1], [1, 1]),
    });

    public static DiffuserPlanner Create(long seed = 0)
    {
        TorchRuntime.Initialize();
        return new DiffuserPlanner(Config(), Normalizer(), seed);
    }
}
