namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// What the network predicts. Names parse with <see cref="Schedules.OptionNames.Parse{T}"/>: "epsilon", "sample",
/// "v_prediction" (diffusers' prediction_type), "edm", "flow_matching".
/// </summary>
public enum Parameterization
{
    /// <summary>The added noise ε (Ho et al. 2020).</summary>
    Epsilon,

    /// <summary>The clean sample x₀ (diffusers "sample"; Diffusion Policy's "sample" prediction).</summary>
    Sample,

    /// <summary>v = α·ε − σ_vp·x₀ (Salimans &amp; Ho 2022, "Progressive Distillation", §4).</summary>
    VPrediction,

    /// <summary>EDM's preconditioned F (Karras et al. 2022, Table 1).</summary>
    Edm,

    /// <summary>Rectified-flow velocity ε − x₀ (Liu et al. 2023; Lipman et al. 2023).</summary>
    FlowMatching,
}
