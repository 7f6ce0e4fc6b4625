using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>
/// Factors shared by the variance-preserving parameterizations: x = x₀ + σ·ε is the VP sample x_t = α·x₀ + σ_vp·ε
/// divided by α = 1/√(σ² + 1), with σ_vp = σ/√(σ² + 1) (Karras et al. 2022, Table 1, VP column).
/// </summary>
internal static class VpScalings
{
    /// <summary>σ as float64.</summary>
    public static Tensor Sigma64(Tensor sigma) => sigma.to_type(ScalarType.Float64);

    /// <summary>c_in = α = 1/√(σ² + 1), so the network sees the VP sample x_t.</summary>
    public static Tensor CIn(Tensor sigma64) => (sigma64 * sigma64 + 1).rsqrt();
}
