using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Losses;

public sealed class DiffusionObjectivesTests
{
    public DiffusionObjectivesTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData("epsilon", typeof(EpsilonParameterization))]
    [InlineData("sample", typeof(SampleParameterization))]
    [InlineData("v_prediction", typeof(VParameterization))]
    [InlineData("edm", typeof(EdmParameterization))]
    [InlineData("flow_matching", typeof(FlowMatchingParameterization))]
    public void The_factory_builds_the_named_parameterization(string name, Type expected)
    {
        var config = new ObjectiveConfig { Parameterization = OptionNames.Parse<Parameterization>(name) };
        Assert.IsType(expected, DiffusionObjectives.Create(config).Parameterization);
        Assert.IsType(expected, DiffusionObjectives.CreateParameterization(config));
    }

    [Fact]
    public void Continuous_time_epsilon_networks_see_log_sigma_over_four()
    {   // NoiseInput.LogSigma: c_noise = ln(σ)/4 as in EDM.
        using var scope = NewDisposeScope();
        var p = DiffusionObjectives.CreateParameterization(new ObjectiveConfig { NoiseInput = NoiseInput.LogSigma });
        var sigma = tensor(new[] { 0.1, 1.0, 10.0 });
        Assert.True(p.GetScalings(sigma).CNoise.allclose(sigma.log() / 4));
    }

    [Fact]
    public void The_schedule_reaches_the_network_as_timesteps()
    {   // scaled_linear SD schedule: σ_max ↦ t = 999.
        using var scope = NewDisposeScope();
        var config = new ObjectiveConfig
        {
            Parameterization = Parameterization.VPrediction,
            Schedule = new DiscreteScheduleConfig { BetaStart = 0.00085, BetaEnd = 0.012, Schedule = BetaSchedule.ScaledLinear },
        };
        var p = DiffusionObjectives.CreateParameterization(config);
        var sigmaMax = new DiscreteSchedule(config.Schedule).SigmaMax;
        Assert.Equal(999.0, p.GetScalings(tensor(new[] { sigmaMax })).CNoise.item<double>(), 9);
    }

    [Fact]
    public void Invalid_objective_configs_name_the_bad_field()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionObjectives.Create(new ObjectiveConfig { SigmaData = -1 }));
        Assert.Equal("SigmaData", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionObjectives.Create(new ObjectiveConfig { MinSnrGamma = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionObjectives.Create(new ObjectiveConfig { Parameterization = (Parameterization)42 }));
        Assert.ThrowsAny<ArgumentException>(() => DiffusionObjectives.Create(new ObjectiveConfig { Schedule = new() { BetaEnd = 2 } }));
    }
}
