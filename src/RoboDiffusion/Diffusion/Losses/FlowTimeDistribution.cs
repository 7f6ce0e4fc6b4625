namespace RoboDiffusion.Diffusion.Losses;

/// <summary>How flow-matching training draws t ∈ (0, 1). Names: "uniform", "logit_normal".</summary>
public enum FlowTimeDistribution
{
    /// <summary>t ~ U(0, 1) (rectified flow, Liu et al. 2023).</summary>
    Uniform,

    /// <summary>t = sigmoid(u), u ~ N(m, s²) (Esser et al. 2024, logit-normal sampling).</summary>
    LogitNormal,
}
