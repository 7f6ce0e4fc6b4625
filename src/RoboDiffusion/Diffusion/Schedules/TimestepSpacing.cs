namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// How N inference timesteps are picked among the training timesteps (diffusers' timestep_spacing; Lin et al. 2024,
/// "Common Diffusion Noise Schedules and Sample Steps are Flawed", Table 2).
/// </summary>
public enum TimestepSpacing
{
    /// <summary>⌊T/N⌋·i for i = N−1 … 0, plus steps_offset: starts below the last training step (DDIM's default).</summary>
    Leading,

    /// <summary>round(T − i·T/N) − 1 for i = 0 … N−1: always starts at the last training step T − 1.</summary>
    Trailing,

    /// <summary>round(linspace(0, T − 1, N)), descending: includes both T − 1 and 0.</summary>
    Linspace,
}
