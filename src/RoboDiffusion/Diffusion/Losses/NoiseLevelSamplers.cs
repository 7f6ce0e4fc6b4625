using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Losses;

/// <summary>The training noise-level distributions of the common objectives.</summary>
public static class NoiseLevelSamplers
{
    /// <summary>t uniform on {0, …, T − 1}, σ = σ_t (Ho et al. 2020, Alg. 1).</summary>
    public static NoiseLevelSampler DiscreteUniform(DiscreteSchedule schedule)
    {
        var sigmas = schedule.Sigmas.ToArray();
        return (batch, g) =>
        {
            var t = randint(0, sigmas.Length, [batch], dtype: ScalarType.Int64, generator: g);   // [B]
            return tensor(sigmas, dtype: ScalarType.Float64).index_select(0, t);
        };
    }

    /// <summary>ln σ ~ N(P_mean, P_std²) (Karras et al. 2022, Table 1: P_mean = −1.2, P_std = 1.2).</summary>
    public static NoiseLevelSampler LogNormal(double mean = -1.2, double std = 1.2)
    {
        CheckNormal(mean, std);
        return (batch, g) => (randn([batch], dtype: ScalarType.Float64, generator: g) * std + mean).exp();
    }

    /// <summary>Flow time t ~ U(0, 1), σ = t/(1 − t).</summary>
    public static NoiseLevelSampler FlowUniform() => (batch, g) => TimeToSigma(rand([batch], dtype: ScalarType.Float64, generator: g));

    /// <summary>
    /// Flow time t = sigmoid(u), u ~ N(mean, std²) (Esser et al. 2024, logit-normal sampling). Since σ = t/(1 − t) = exp(u),
    /// this is <see cref="LogNormal"/> in σ-space.
    /// </summary>
    public static NoiseLevelSampler FlowLogitNormal(double mean = 0, double std = 1) => LogNormal(mean, std);

    /// <summary>The sampler of a flow time distribution.</summary>
    public static NoiseLevelSampler Flow(FlowTimeDistribution distribution, double mean = 0, double std = 1) => distribution switch
    {
        FlowTimeDistribution.Uniform => FlowUniform(),
        FlowTimeDistribution.LogitNormal => FlowLogitNormal(mean, std),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown flow time distribution."),
    };

    private static Tensor TimeToSigma(Tensor t) => t / (1 - t);                 // rand is in [0, 1): finite

    private static void CheckNormal(double mean, double std)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        if (!(std > 0) || double.IsInfinity(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, "The standard deviation must be a positive finite number.");
    }
}
