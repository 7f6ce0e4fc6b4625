using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// x₀-prediction (diffusers prediction_type "sample"): D(x; σ) = F(x/√(σ² + 1); c_noise), i.e. c_skip = 0, c_out = 1,
/// c_in = 1/√(σ² + 1). Target: x₀.
/// </summary>
/// <param name="noiseInput">σ → network noise input; a discrete timestep for DDPM-trained networks.</param>
public sealed class SampleParameterization(NoiseConditioning noiseInput) : IParameterization
{
    /// <summary>For a network trained on the discrete timesteps of <paramref name="schedule"/>.</summary>
    public SampleParameterization(DiscreteSchedule schedule) : this(NoiseConditionings.Timestep(schedule)) { }

    /// <inheritdoc/>
    public Parameterization Kind => Parameterization.Sample;

    /// <inheritdoc/>
    public Scalings GetScalings(Tensor sigma)
    {
        var s = VpScalings.Sigma64(sigma);
        return new(zeros_like(s), ones_like(s), VpScalings.CIn(s), noiseInput(s));
    }

    /// <inheritdoc/>
    public Tensor Target(Tensor x0, Tensor noise, Tensor sigma) => x0;
}
