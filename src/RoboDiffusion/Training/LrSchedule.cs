namespace RoboDiffusion.Training;

/// <summary>Learning-rate schedules (diffusers optimization.py names, and transformers' WSD); all but Constant start with a linear warm-up.</summary>
public enum LrSchedule
{
    /// <summary>The base rate throughout (get_constant_schedule; a warm-up must use ConstantWithWarmup).</summary>
    Constant,

    /// <summary>Linear warm-up, then constant (get_constant_schedule_with_warmup).</summary>
    ConstantWithWarmup,

    /// <summary>Linear warm-up, then linear decay to 0 at the last step (get_linear_schedule_with_warmup).</summary>
    Linear,

    /// <summary>Linear warm-up, then half a cosine down to 0 (get_cosine_schedule_with_warmup), diffusion_policy's choice.</summary>
    Cosine,

    /// <summary>
    /// Linear warm-up, the base rate, then a linear decay to 0 over the last DecaySteps steps (transformers'
    /// get_wsd_schedule, decay_type linear). A run can stay in the stable phase and branch decays off its checkpoints
    /// (Hägele et al. 2024, "Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations").
    /// </summary>
    WarmupStableDecay,
}
