namespace RoboDiffusion.Training;

/// <summary>
/// Learning-rate schedules as pure functions of the optimizer step (0-based: step k is the (k+1)-th update), matching the
/// LambdaLR multipliers of diffusers' optimization.py when the scheduler steps after every optimizer step.
/// </summary>
public static class LearningRates
{
    /// <summary>The learning rate of step <paramref name="step"/> under <paramref name="config"/>.</summary>
    public static double At(long step, TrainConfig config) =>
        config.LearningRate * Multiplier(config.Schedule, step, config.WarmupSteps, config.Steps, config.DecaySteps);

    /// <summary>The factor on the base rate: step/warmup during warm-up, then the schedule's decay.</summary>
    public static double Multiplier(LrSchedule schedule, long step, long warmupSteps, long totalSteps, long decaySteps = 0) => schedule switch
    {
        LrSchedule.Constant => 1.0,
        LrSchedule.ConstantWithWarmup => step < warmupSteps ? Warmup(step, warmupSteps) : 1.0,
        LrSchedule.Linear => Linear(step, warmupSteps, totalSteps),
        LrSchedule.Cosine => Cosine(step, warmupSteps, totalSteps),
        LrSchedule.WarmupStableDecay => WarmupStableDecay(step, warmupSteps, totalSteps, decaySteps),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown learning-rate schedule."),
    };

    /// <summary>Linear warm-up factor step / max(1, warmup).</summary>
    public static double Warmup(long step, long warmupSteps) => (double)step / Math.Max(1, warmupSteps);

    /// <summary>get_linear_schedule_with_warmup: max(0, (total − step)/max(1, total − warmup)) after warm-up.</summary>
    public static double Linear(long step, long warmupSteps, long totalSteps) => step < warmupSteps
        ? Warmup(step, warmupSteps)
        : LinearDecay(step, warmupSteps, totalSteps);

    /// <summary>From 1 at <paramref name="start"/> to 0 at <paramref name="end"/>: max(0, (end − step)/max(1, end − start)).</summary>
    private static double LinearDecay(long step, long start, long end) =>
        Math.Max(0.0, (double)(end - step) / Math.Max(1, end - start));

    /// <summary>
    /// get_cosine_schedule_with_warmup (num_cycles = 0.5): with progress p = (step − warmup)/max(1, total − warmup),
    /// the factor is max(0, ½(1 + cos(π·p))) after warm-up.
    /// </summary>
    public static double Cosine(long step, long warmupSteps, long totalSteps)
    {
        if (step < warmupSteps) return Warmup(step, warmupSteps);
        var progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>
    /// get_wsd_schedule with a linear decay: warm-up, then 1 until total − decay, then (total − step)/decay down to 0.
    /// </summary>
    public static double WarmupStableDecay(long step, long warmupSteps, long totalSteps, long decaySteps)
    {
        if (step < warmupSteps) return Warmup(step, warmupSteps);
        var decayStart = totalSteps - decaySteps;
        return step < decayStart ? 1.0 : LinearDecay(step, decayStart, totalSteps);
    }
}
