namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// The discrete variance-preserving β schedules of diffusers (DDPMScheduler's beta_schedule). The snake_case names
/// ("linear", "scaled_linear", "squaredcos_cap_v2", "sigmoid", "exponential") parse with <see cref="OptionNames.Parse{T}"/>.
/// </summary>
public enum BetaSchedule
{
    /// <summary>β evenly spaced from β_start to β_end (Ho et al. 2020, §4).</summary>
    Linear,

    /// <summary>√β evenly spaced, then squared (Stable Diffusion's schedule).</summary>
    ScaledLinear,

    /// <summary>Cosine ᾱ of Nichol &amp; Dhariwal (2021), eq. 17, with β capped at 0.999; ignores β_start/β_end.</summary>
    SquaredcosCapV2,

    /// <summary>β = sigmoid(linspace(−6, 6))·(β_end − β_start) + β_start (diffusers; GeoDiff, Xu et al. 2022).</summary>
    Sigmoid,

    /// <summary>
    /// β_i = β_start·exp(x_i·ln(β_end/β_start)/T) at x = linspace(0, T, T) (Motion Planning Diffusion, Carvalho et al. 2023;
    /// mpd-public exponential_beta_schedule, β_end = 1 there), capped at <see cref="BetaSchedules.MaxExponentialBeta"/>.
    /// </summary>
    Exponential,
}
