namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>Which tensor the guidance gradient is taken with respect to.</summary>
public enum GuidanceGradientTarget
{
    /// <summary>∇ of cost(x̂₀) w.r.t. x̂₀ itself, the denoiser held fixed (Diffuser §3.2 on the mean; MPD's guide on x).</summary>
    Denoised,

    /// <summary>∇ of cost(D(x; σ)) w.r.t. the noisy input x, back-propagated through the denoiser (DPS-style; costs a backward pass).</summary>
    Input,
}
