namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// Cost-guided sampling as Motion Planning Diffusion (Carvalho et al. 2023, §IV; mpd-public inference.py and
/// sample_functions.py): guidance only in the last <see cref="LastSteps"/> denoising steps (ceil(0.25·25) = 7), with
/// <see cref="InnerSteps"/> clipped gradient steps per step and the start/goal re-imposed after each, ancestral noise
/// scaled by <see cref="NoiseScale"/>, then <see cref="NoiseFreeSteps"/> guided denoising steps at the smallest noise level.
/// Each term's gradient is clipped per support point to norm <see cref="MaxPointGradNorm"/> before its weight
/// (GuideManagerTrajectories clip_grad_by_norm).
/// </summary>
public sealed record MpdGuidance
{
    public required IReadOnlyList<MpdCostTerm> Terms { get; init; }
    public int LastSteps { get; init; } = 7;              // t_start_guide = ceil(0.25·n_diffusion_steps)
    public int InnerSteps { get; init; } = 5;             // n_guide_steps
    public double NoiseScale { get; init; } = 0.5;        // noise_std_extra_schedule_fn
    public int NoiseFreeSteps { get; init; } = 5;         // n_diffusion_steps_without_noise
    public double MaxPointGradNorm { get; init; } = 1.0;  // max_grad_norm
    public bool PosteriorMeanStep { get; init; } = true;  // step as MPD does, on the DDPM posterior mean (see MpdGuidedDenoiser)

    /// <summary>Checks every field; returns this.</summary>
    public MpdGuidance Validated()
    {
        if (Terms.Count == 0) throw new ArgumentException("MPD guidance needs at least one cost term.");
        if (Terms.Any(t => !double.IsFinite(t.Weight))) throw new ArgumentException("Every cost term weight must be finite.");
        if (LastSteps < 0) throw new ArgumentException($"LastSteps must be ≥ 0, got {LastSteps}.");
        if (InnerSteps < 1) throw new ArgumentException($"InnerSteps must be ≥ 1, got {InnerSteps}.");
        if (!(NoiseScale >= 0 && double.IsFinite(NoiseScale))) throw new ArgumentException($"NoiseScale must be ≥ 0, got {NoiseScale}.");
        if (NoiseFreeSteps < 0) throw new ArgumentException($"NoiseFreeSteps must be ≥ 0, got {NoiseFreeSteps}.");
        if (!(MaxPointGradNorm > 0)) throw new ArgumentException($"MaxPointGradNorm must be > 0, got {MaxPointGradNorm}.");
        return this;
    }
}
