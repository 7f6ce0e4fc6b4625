using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// ε-prediction (Ho et al. 2020) in σ-space: D(x; σ) = x − σ·ε̂(x/√(σ² + 1); c_noise), i.e. c_skip = 1, c_out = −σ,
/// c_in = 1/√(σ² + 1) (Karras et al. 2022, Table 1, VP; k-diffusion DiscreteEpsDDPMDenoiser). Target: ε.
/// </summary>
/// <param name="noiseInput">σ → network noise input; a discrete timestep for DDPM-trained networks.</param>
public sealed class EpsilonParameterization(NoiseConditioning noiseInput) : IParameterization
{
    /// <summary>For a network trained on the discrete timesteps of <paramref name="schedule"/>.</summary>
    public EpsilonParameterization(DiscreteSchedule schedule) : this(NoiseConditionings.Timestep(schedule)) { }

    /// <inheritdoc/>
    public Parameterization Kind => Parameterization.Epsilon;

    /// <inheritdoc/>
    public Scalings GetScalings(Tensor sigma)
    {
        var s = VpScalings.Sigma64(sigma);
        return new(ones_like(s), -s, VpScalings.CIn(s), noiseInput(s));
    }

    /// <inheritdoc/>
    public Tensor Target(Tensor x0, Tensor noise, Tensor sigma) => noise;
}
