using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>
/// Two interleaved half circles, as scikit-learn's make_moons: the upper arc (cos t, sin t) and the lower arc
/// (1 − cos t, 0.5 − sin t), t ∈ [0, π], ⌊n/2⌋ points on the upper one, Gaussian noise of std <c>noise</c> on both
/// coordinates. Unlike sklearn, t is drawn uniformly (not on a linspace), so this is a distribution to sample.
/// Scale: the FFJORD toy set's map p ↦ 2p + (−1, −0.2) (Grathwohl et al. 2019, lib/toy_data.py), so the arcs have
/// radius 2, centers (−1, −0.2) and (1, 0.8), and the noise-free data spans x ∈ [−3, 3], y ∈ [−1.2, 1.8].
/// </summary>
public static class Moons
{
    /// <summary>Default noise std in sklearn's units (FFJORD uses 0.1; it becomes 0.2 after the ×2 map).</summary>
    public const double DefaultNoise = 0.1;

    /// <summary>Draws <paramref name="n"/> points [n, 2] from <paramref name="generator"/>.</summary>
    public static Tensor Sample(int n, Generator generator, double noise = DefaultNoise, ScalarType dtype = ScalarType.Float32)
    {
        ToySampling.Check(n, generator, dtype);
        if (!(noise >= 0 && double.IsFinite(noise))) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be finite and ≥ 0.");
        using var scope = NewDisposeScope();
        var t = rand(n, dtype: ScalarType.Float64, generator: generator) * Math.PI;        // [n]
        var upper = arange(n, dtype: ScalarType.Int64).lt(n / 2);                           // first ⌊n/2⌋ on the upper arc
        var x = where(upper, t.cos(), 1 - t.cos());
        var y = where(upper, t.sin(), 0.5 - t.sin());
        var p = stack([x, y], 1);                                                          // [n, 2]
        p = p + noise * randn([n, 2], dtype: ScalarType.Float64, generator: generator);
        p = p[randperm(n, generator: generator)];                                          // mix the two arcs
        var shift = tensor(new[] { -1.0, -0.2 }, dtype: ScalarType.Float64);
        return (2 * p + shift).to(dtype).MoveToOuterDisposeScope();
    }
}
