using RoboDiffusion.Training;

namespace RoboDiffusion.Tests.Training;

public sealed class LearningRatesTests
{
    private static readonly TrainConfig Cosine = new() { LearningRate = 1e-4, WarmupSteps = 10, Steps = 110 };

    [Theory]
    [InlineData(0, 0.0)]            // warm-up starts at 0
    [InlineData(5, 0.5e-4)]         // lr·step/warmup
    [InlineData(10, 1e-4)]          // end of warm-up: the peak
    [InlineData(60, 0.5e-4)]        // half-way: ½(1 + cos(π/2))
    [InlineData(110, 0.0)]          // end: ½(1 + cos π)
    public void Cosine_with_warmup_follows_the_diffusers_formula(long step, double expected) =>
        Assert.Equal(expected, LearningRates.At(step, Cosine), 15);

    [Fact]
    public void Cosine_a_quarter_of_the_way_is_half_of_one_plus_cos_quarter_pi() =>
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI / 4)), LearningRates.Multiplier(LrSchedule.Cosine, 35, 10, 110), 15);

    [Theory]
    [InlineData(LrSchedule.Constant, 3, 1.0)]
    [InlineData(LrSchedule.ConstantWithWarmup, 3, 0.3)]
    [InlineData(LrSchedule.ConstantWithWarmup, 50, 1.0)]
    [InlineData(LrSchedule.Linear, 3, 0.3)]
    [InlineData(LrSchedule.Linear, 60, 0.5)]     // (110 − 60)/(110 − 10)
    [InlineData(LrSchedule.Linear, 110, 0.0)]
    public void Other_schedules_follow_their_formulas(LrSchedule schedule, long step, double expected) =>
        Assert.Equal(expected, LearningRates.Multiplier(schedule, step, 10, 110), 15);

    [Fact]
    public void Zero_warmup_starts_at_the_peak() =>
        Assert.Equal(1.0, LearningRates.Multiplier(LrSchedule.Cosine, 0, 0, 100), 15);

    [Theory]
    [InlineData(5, 0.5)]        // warm-up: step/warmup
    [InlineData(10, 1.0)]       // stable phase from the end of warm-up
    [InlineData(79, 1.0)]       // … to the step before the decay (110 − 30 = 80)
    [InlineData(80, 1.0)]       // the decay starts at 1: (110 − 80)/30
    [InlineData(95, 0.5)]       // half-way down
    [InlineData(110, 0.0)]
    [InlineData(130, 0.0)]      // never negative past the end
    public void Warmup_stable_decay_holds_the_rate_then_decays_linearly_over_its_last_steps(long step, double expected) =>
        Assert.Equal(expected, LearningRates.Multiplier(LrSchedule.WarmupStableDecay, step, 10, 110, 30), 15);

    [Fact]
    public void Decay_steps_belong_to_warmup_stable_decay_only_and_must_fit()
    {
        var wsd = new TrainConfig { Schedule = LrSchedule.WarmupStableDecay, WarmupSteps = 0, Steps = 100, DecaySteps = 20 };
        Assert.Equal(wsd, wsd.Validated());
        Assert.Contains("needs decay steps > 0", Assert.Throws<ArgumentException>(() => (wsd with { DecaySteps = 0 }).Validated()).Message);
        Assert.Contains("no other schedule", Assert.Throws<ArgumentException>(() => (Cosine with { DecaySteps = 20 }).Validated()).Message);
        Assert.Contains("must fit", Assert.Throws<ArgumentException>(() => (wsd with { WarmupSteps = 90 }).Validated()).Message);
        Assert.Contains("≥ 0", Assert.Throws<ArgumentException>(() => (Cosine with { DecaySteps = -1 }).Validated()).Message);
        Assert.Equal(Cosine with { Steps = 5 }, (Cosine with { Steps = 5 }).Validated());   // a short run may stop mid-warm-up
    }
}
