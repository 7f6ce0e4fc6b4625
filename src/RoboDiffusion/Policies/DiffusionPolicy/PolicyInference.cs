using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using TorchSharp;

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
    public double SNoise { get; init; } = 1.0;        // k-diffusion's s_noise: scales each step's fresh noise (< 1: lower temperature)

    /// <summary>Checks every field; returns this.</summary>
    public PolicyInference Validated()
    {
        if (!Enum.IsDefined(Sampler)) throw new ArgumentException($"Unknown sampler {Sampler}.");
        if (!Enum.IsDefined(Grid)) throw new ArgumentException($"Unknown σ grid {Grid}.");
        if (Steps < 1) throw new ArgumentException($"Inference steps must be ≥ 1, got {Steps}.");
        if (Eta is { } eta && !(eta >= 0 && double.IsFinite(eta))) throw new ArgumentException($"η must be ≥ 0, got {eta}.");
        if (!(SNoise >= 0 && double.IsFinite(SNoise))) throw new ArgumentException($"s_noise must be a finite number ≥ 0, got {SNoise}.");
        return this;
    }

    /// <summary>The sampler options of one sampling call drawing from <paramref name="generator"/>.</summary>
    public SamplerOptions Options(torch.Generator? generator) => new() { Generator = generator, Eta = Eta, SNoise = SNoise };

    /// <summary>The σ grid for a model trained on <paramref name="schedule"/>.</summary>
    public double[] Sigmas(DiscreteSchedule schedule) => new SigmaGridSpec
    {
        Kind = Grid, Steps = Steps, SigmaMin = schedule.SigmaMin, SigmaMax = schedule.SigmaMax, Rho = Grid == SigmaGridKind.PolyExponential ? 1 : 7,
    }.Create(schedule);
}
