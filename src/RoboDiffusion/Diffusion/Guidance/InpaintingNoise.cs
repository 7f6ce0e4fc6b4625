namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>How <see cref="Inpainting"/> writes the known entries into the noisy input x at noise level σ.</summary>
public enum InpaintingNoise
{
    /// <summary>The clean known values, as Diffuser's apply_conditioning overwrites x_t.</summary>
    Clean,

    /// <summary>known + σ·ε with fresh ε ~ N(0, I), so the entries sit at the noise level of the rest of x (RePaint-style).</summary>
    Matched,
}
