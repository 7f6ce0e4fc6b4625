using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>
/// How a policy samples its action chunk: any sampler of the core, any number of steps, on a σ grid. The paper uses
/// 100-step DDPM; 10-step DDIM or DPM-Solver++ on the same trained network trade a little accuracy for 10× speed.
/// Discrete grids (leading/trailing/linspace) use the policy's training schedule; Karras/exponential grids span its
/// σ range.
/// </summary>
public sealed record PolicyInference
{
    public SamplerKind Sampler { get; init; } = SamplerKind.Ddpm;
    public int Steps { get; init; } = 100;
    public SigmaGridKind Grid { get; init; } = SigmaGridKind.Leading;
    public double? Eta { get; init; }                 // DDIM η; null = the sampler's default

    /// <summary>Checks every field; returns this.</summary>
    public PolicyInference Validated()
    {
        if (!Enum.IsDefined(Sampler)) throw new ArgumentException($"Unknown sampler {Sampler}.");
        if (!Enum.IsDefined(Grid)) throw new ArgumentException($"Unknown σ grid {Grid}.");
        if (Steps < 1) throw new ArgumentException($"Inference steps must be ≥ 1, got {Steps}.");
        if (Eta is { } eta && !(eta >= 0 && double.IsFinite(eta))) throw new ArgumentException($"η must be ≥ 0, got {eta}.");
        return this;
    }

    /// <summary>The σ grid for a model trained on <paramref name="schedule"/>.</summary>
    public double[] Sigmas(DiscreteSchedule schedule) => new SigmaGridSpec
    {
        Kind = Grid, Steps = Steps, SigmaMin = schedule.SigmaMin, SigmaMax = schedule.SigmaMax, Rho = Grid == SigmaGridKind.PolyExponential ? 1 : 7,
    }.Create(schedule);
}
