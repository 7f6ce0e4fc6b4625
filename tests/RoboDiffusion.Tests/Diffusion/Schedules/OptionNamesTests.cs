using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Diffusion.Schedules;

public sealed class OptionNamesTests
{
    [Theory]
    [InlineData("linear", BetaSchedule.Linear)]
    [InlineData("scaled_linear", BetaSchedule.ScaledLinear)]
    [InlineData("squaredcos_cap_v2", BetaSchedule.SquaredcosCapV2)]
    [InlineData("Sigmoid", BetaSchedule.Sigmoid)]
    [InlineData("scaled-linear", BetaSchedule.ScaledLinear)]
    public void Diffusers_beta_schedule_names_parse(string name, BetaSchedule expected) =>
        Assert.Equal(expected, OptionNames.Parse<BetaSchedule>(name));

    [Fact]
    public void Diffusers_prediction_types_and_spacings_parse()
    {
        Assert.Equal(Parameterization.Epsilon, OptionNames.Parse<Parameterization>("epsilon"));
        Assert.Equal(Parameterization.Sample, OptionNames.Parse<Parameterization>("sample"));
        Assert.Equal(Parameterization.VPrediction, OptionNames.Parse<Parameterization>("v_prediction"));
        Assert.Equal(Parameterization.FlowMatching, OptionNames.Parse<Parameterization>("flow_matching"));
        Assert.Equal(TimestepSpacing.Trailing, OptionNames.Parse<TimestepSpacing>("trailing"));
        Assert.Equal(LossWeighting.MinSnr, OptionNames.Parse<LossWeighting>("min_snr"));
        Assert.Equal("squaredcos_cap_v2", OptionNames.Name(BetaSchedule.SquaredcosCapV2));
    }

    [Fact]
    public void An_unknown_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => OptionNames.Parse<BetaSchedule>("cosine"));
        Assert.Contains("Unknown beta schedule 'cosine'", e.Message);
        Assert.Contains("linear, scaled_linear, squaredcos_cap_v2, sigmoid", e.Message);
        Assert.Throws<ArgumentException>(() => OptionNames.Parse<TimestepSpacing>(null));
    }
}
