using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>The noise-level inputs networks are commonly trained with.</summary>
public static class NoiseConditionings
{
    /// <summary>The (fractional) discrete timestep t(σ) of a DDPM-style network (k-diffusion DiscreteSchedule.sigma_to_t).</summary>
    public static NoiseConditioning Timestep(DiscreteSchedule schedule, bool quantize = false) =>
        sigma => schedule.SigmaToT(sigma, quantize);

    /// <summary>c_noise = ln(σ)/4, EDM's continuous input (Karras et al. 2022, Table 1).</summary>
    public static NoiseConditioning LogSigma() => sigma => sigma.log() / 4;
}
