namespace RoboDiffusion.Nn;

/// <summary>Hidden-layer nonlinearity of <see cref="MlpDenoiser"/>.</summary>
public enum MlpActivation
{
    /// <summary>x·σ(x) (Elfwing et al. 2018; "swish").</summary>
    SiLU,

    /// <summary>x·tanh(softplus(x)) (Misra 2019), diffusion_policy's choice.</summary>
    Mish,
}
