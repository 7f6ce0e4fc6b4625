using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>Builds parameterizations and objectives from an <see cref="ObjectiveConfig"/>.</summary>
public static class DiffusionObjectives
{
    /// <summary>The objective of <paramref name="config"/>: its parameterization, training σ distribution and weighting.</summary>
    public static DiffusionObjective Create(ObjectiveConfig config)
    {
        var c = config.Validated();
        var schedule = new DiscreteSchedule(c.Schedule);
        return new DiffusionObjective(CreateParameterization(c, schedule), Levels(c, schedule), c.Weighting, c.MinSnrGamma);
    }

    /// <summary>The parameterization alone, for sampling a trained network.</summary>
    public static IParameterization CreateParameterization(ObjectiveConfig config) =>
        CreateParameterization(config.Validated(), new DiscreteSchedule(config.Schedule));

    private static IParameterization CreateParameterization(ObjectiveConfig c, DiscreteSchedule schedule)
    {
        var noise = c.NoiseInput == NoiseInput.Timestep ? NoiseConditionings.Timestep(schedule) : NoiseConditionings.LogSigma();
        return c.Parameterization switch
        {
            Parameterization.Epsilon => new EpsilonParameterization(noise),
            Parameterization.Sample => new SampleParameterization(noise),
            Parameterization.VPrediction => new VParameterization(noise),
            Parameterization.Edm => new EdmParameterization(c.SigmaData),
            Parameterization.FlowMatching => new FlowMatchingParameterization(c.FlowTimeScale),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Parameterization, "Unknown parameterization."),
        };
    }

    private static NoiseLevelSampler Levels(ObjectiveConfig c, DiscreteSchedule schedule) => c.Parameterization switch
    {
        Parameterization.Edm => NoiseLevelSamplers.LogNormal(c.PMean, c.PStd),
        Parameterization.FlowMatching => NoiseLevelSamplers.Flow(c.FlowTime, c.LogitMean, c.LogitStd),
        _ when c.NoiseInput == NoiseInput.Timestep => NoiseLevelSamplers.DiscreteUniform(schedule),
        _ => NoiseLevelSamplers.LogNormal(c.PMean, c.PStd),
    };
}
