using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// v-prediction (Salimans &amp; Ho 2022, "Progressive Distillation", §4): v = α·ε − σ_vp·x₀ with α = 1/√(σ² + 1),
/// σ_vp = σ/√(σ² + 1). In σ-space c_skip = 1/(σ² + 1), c_out = −σ/√(σ² + 1), c_in = 1/√(σ² + 1)
/// (k-diffusion DiscreteVDDPMDenoiser with σ_data = 1).
/// </summary>
/// <param name="noiseInput">σ → network noise input; a discrete timestep for DDPM-trained networks.</param>
public sealed class VParameterization(NoiseConditioning noiseInput) : IParameterization
{
    /// <summary>For a network trained on the discrete timesteps of <paramref name="schedule"/>.</summary>
    public VParameterization(DiscreteSchedule schedule) : this(NoiseConditionings.Timestep(schedule)) { }

    /// <inheritdoc/>
    public Parameterization Kind => Parameterization.VPrediction;

    /// <inheritdoc/>
    public Scalings GetScalings(Tensor sigma)
    {
        var s = VpScalings.Sigma64(sigma);
        var cIn = VpScalings.CIn(s);
        return new(cIn * cIn, -s * cIn, cIn, noiseInput(s));
    }

    /// <inheritdoc/>
    public Tensor Target(Tensor x0, Tensor noise, Tensor sigma)
    {
        var s = VpScalings.Sigma64(sigma);
        var alpha = VpScalings.CIn(s);
        return PerSample.Expand(alpha, x0) * noise - PerSample.Expand(s * alpha, x0) * x0;   // α·ε − σ_vp·x₀
    }
}
