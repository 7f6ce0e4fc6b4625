using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// EDM preconditioning (Karras et al. 2022, Table 1 and eq. 7): c_skip = σ_d²/(σ² + σ_d²), c_out = σ·σ_d/√(σ² + σ_d²),
/// c_in = 1/√(σ² + σ_d²), c_noise = ln(σ)/4. Target (eq. 8): (x₀ − c_skip·x)/c_out = (σ/σ_d·x₀ − σ_d·ε)/√(σ² + σ_d²),
/// which has unit variance when x₀ has standard deviation σ_d.
/// </summary>
public sealed class EdmParameterization : IParameterization
{
    private readonly NoiseConditioning _noiseInput;

    /// <summary>EDM with data standard deviation <paramref name="sigmaData"/> and c_noise = ln(σ)/4 unless given.</summary>
    public EdmParameterization(double sigmaData = 0.5, NoiseConditioning? noiseInput = null)
    {
        if (!(sigmaData > 0) || double.IsInfinity(sigmaData))
            throw new ArgumentOutOfRangeException(nameof(sigmaData), sigmaData, "σ_data must be a positive finite number.");
        SigmaData = sigmaData;
        _noiseInput = noiseInput ?? NoiseConditionings.LogSigma();
    }

    /// <summary>σ_d, the standard deviation of the training data (0.5 in EDM).</summary>
    public double SigmaData { get; }

    /// <inheritdoc/>
    public Parameterization Kind => Parameterization.Edm;

    /// <inheritdoc/>
    public Scalings GetScalings(Tensor sigma)
    {
        var s = sigma.to_type(ScalarType.Float64);
        var sd2 = SigmaData * SigmaData;
        var cIn = (s * s + sd2).rsqrt();
        return new(sd2 * cIn * cIn, s * SigmaData * cIn, cIn, _noiseInput(s));
    }

    /// <inheritdoc/>
    public Tensor Target(Tensor x0, Tensor noise, Tensor sigma)
    {
        var s = sigma.to_type(ScalarType.Float64);
        var cIn = (s * s + SigmaData * SigmaData).rsqrt();
        return PerSample.Expand(s / SigmaData * cIn, x0) * x0 - PerSample.Expand(SigmaData * cIn, x0) * noise;
    }
}
