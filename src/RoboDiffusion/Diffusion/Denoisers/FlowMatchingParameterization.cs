using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// Flow matching / rectified flow (Lipman et al. 2023; Liu et al. 2023): x_t = (1 − t)·x₀ + t·ε and the network
/// predicts the velocity v = ε − x₀. The σ-space sample x = x₀ + σ·ε is x_t·(1 + σ) with σ = t/(1 − t), so
/// c_in = c_skip = 1/(1 + σ) = 1 − t, c_out = −t and x̂₀ = x_t − t·v̂.
/// </summary>
/// <param name="timeScale">The network sees t·timeScale (1 for t ∈ [0, 1]; SD3-style networks use 1000).</param>
public sealed class FlowMatchingParameterization(double timeScale = 1.0) : IParameterization
{
    /// <summary>Multiplier of t at the network input.</summary>
    public double TimeScale { get; } = timeScale > 0 && !double.IsInfinity(timeScale) ? timeScale
        : throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be a positive finite number.");

    /// <inheritdoc/>
    public Parameterization Kind => Parameterization.FlowMatching;

    /// <summary>σ = t/(1 − t), the σ-space level of flow time t ∈ [0, 1) (∞ at t = 1).</summary>
    public static double SigmaFromTime(double t) => t / (1 - t);

    /// <summary>t = σ/(1 + σ), written as 1/(1 + 1/σ) so that σ = ∞ maps to 1.</summary>
    public static Tensor TimeFromSigma(Tensor sigma) => (1 + sigma.to_type(ScalarType.Float64).reciprocal()).reciprocal();

    /// <inheritdoc/>
    public Scalings GetScalings(Tensor sigma)
    {
        var t = TimeFromSigma(sigma);
        var cIn = 1 - t;
        return new(cIn, -t, cIn, t * TimeScale);
    }

    /// <inheritdoc/>
    public Tensor Target(Tensor x0, Tensor noise, Tensor sigma) => noise - x0;

    /// <summary>The t-space velocity field v(x_t, t) of <paramref name="network"/> with a fixed condition, for <see cref="FlowOde"/>.</summary>
    public VelocityField Velocity(NetworkFn network, Tensor? cond) => (x, t) =>
    {
        var level = (t.to_type(ScalarType.Float64) * TimeScale).to(x.dtype, x.device);   // [B]
        var v = network(x, level, cond);
        PerSample.CheckOutput(v, x);
        return v;
    };
}
