namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>Second-order correction of DPM-Solver++(2M) SDE (k-diffusion sample_dpmpp_2m_sde, solver_type).</summary>
public enum SolverType
{
    /// <summary>Midpoint rule: x += ½·(1 − e^{−h−ηh})/r·(D_i − D_{i−1}), k-diffusion's default.</summary>
    Midpoint,

    /// <summary>Heun (trapezoid) rule: x += (φ₁(−h−ηh) + 1)/r·(D_i − D_{i−1}).</summary>
    Heun,
}
