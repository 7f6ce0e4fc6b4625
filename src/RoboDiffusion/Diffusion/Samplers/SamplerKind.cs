namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>The samplers of <see cref="Sampling"/>; <see cref="SamplerRegistry"/> maps them to names and descriptions.</summary>
public enum SamplerKind
{
    /// <summary>"euler": Karras Alg. 2, Euler steps (with optional churn).</summary>
    Euler,

    /// <summary>"euler_ancestral": Euler steps plus ancestral noise.</summary>
    EulerAncestral,

    /// <summary>"heun": Karras Alg. 2, second order.</summary>
    Heun,

    /// <summary>"dpm_2": DPM-Solver-2 midpoint steps.</summary>
    Dpm2,

    /// <summary>"lms": linear multistep, order 4.</summary>
    Lms,

    /// <summary>"dpmpp_2s_ancestral": DPM-Solver++(2S) plus ancestral noise.</summary>
    DpmPp2SAncestral,

    /// <summary>"dpmpp_2m": DPM-Solver++(2M).</summary>
    DpmPp2M,

    /// <summary>"dpmpp_2m_sde": DPM-Solver++(2M) SDE.</summary>
    DpmPp2MSde,

    /// <summary>"dpmpp_3m_sde": DPM-Solver++(3M) SDE.</summary>
    DpmPp3MSde,

    /// <summary>"ddpm": ancestral sampling with the exact DDPM posterior.</summary>
    Ddpm,

    /// <summary>"ddim": DDIM with η (deterministic at η = 0).</summary>
    Ddim,

    /// <summary>"unipc": UniPC-bh2 predictor-corrector.</summary>
    UniPc,
}
