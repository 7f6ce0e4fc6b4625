using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>
/// A 2-D swiss roll: scikit-learn's make_swiss_roll keeps (t cos t, t sin t) with t = 1.5π(1 + 2u), u ~ U(0, 1),
/// plus Gaussian noise of std <c>noise</c>. Scale: divided by 5, as the FFJORD toy set (Grathwohl et al. 2019) does,
/// so the noise-free spiral has radius t/5 ∈ [0.94, 2.83].
/// </summary>
public static class SwissRoll
{
    /// <summary>Default noise std before the ÷5 (FFJORD's make_swiss_roll(noise=1.0)).</summary>
    public const double DefaultNoise = 1.0;

    /// <summary>The divisor applied to sklearn's coordinates.</summary>
    public const double Divisor = 5.0;

    /// <summary>Draws <paramref name="n"/> points [n, 2] from <paramref name="generator"/>.</summary>
    public static Tensor Sample(int n, Generator generator, double noise = DefaultNoise, ScalarType dtype = ScalarType.Float32)
    {
        ToySampling.Check(n, generator, dtype);
        if (!(noise >= 0 && double.IsFinite(noise))) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be finite and ≥ 0.");
        using var scope = NewDisposeScope();
        var t = 1.5 * Math.PI * (1 + 2 * rand(n, dtype: ScalarType.Float64, generator: generator)); // [n]
        var p = stack([t * t.cos(), t * t.sin()], 1);                                                // [n, 2]
        p = p + noise * randn([n, 2], dtype: ScalarType.Float64, generator: generator);
        return (p / Divisor).to(dtype).MoveToOuterDisposeScope();
    }
}
