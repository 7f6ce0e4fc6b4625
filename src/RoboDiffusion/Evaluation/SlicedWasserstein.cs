using static TorchSharp.torch;

namespace RoboDiffusion.Evaluation;

/// <summary>
/// Sliced Wasserstein distance between two point sets (Rabin et al. 2011; Bonneel et al. 2015):
/// SW_p(μ, ν) = (E_θ W_p^p(θ#μ, θ#ν))^{1/p}, θ uniform on the unit sphere, estimated with K seeded random directions.
/// Each 1-D distance is exact for the empirical measures: W_p^p = ∫₀¹ |F⁻¹(u) − G⁻¹(u)|^p du from the sorted
/// projections (for equal sizes N, the mean of |a_(i) − b_(i)|^p).
/// </summary>
public static class SlicedWasserstein
{
    /// <summary>SW_p between the rows of <paramref name="x"/> [N, d] and <paramref name="y"/> [M, d] (N and M may differ).</summary>
    /// <param name="x">First set, [N, d] (or [N] for d = 1).</param>
    /// <param name="y">Second set, [M, d].</param>
    /// <param name="generator">Source of the projection directions (same seed, same directions).</param>
    /// <param name="projections">Number of directions K.</param>
    /// <param name="p">Order p ≥ 1 (1 or 2 usually).</param>
    public static double Distance(Tensor x, Tensor y, Generator generator, int projections = 256, double p = 2)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (projections < 1) throw new ArgumentOutOfRangeException(nameof(projections), projections, "Need at least one projection.");
        if (!(p >= 1 && double.IsFinite(p))) throw new ArgumentOutOfRangeException(nameof(p), p, "The order p must be finite and ≥ 1.");
        using var scope = NewDisposeScope();
        var (a, b) = SampleSets.AsMatrices(x, y);
        var theta = Directions((int)a.shape[1], projections, generator);                 // [d, K]
        var perDirection = Wasserstein1D(a.matmul(theta), b.matmul(theta), p);           // [K], W_p^p
        return Math.Pow(perDirection.mean().item<double>(), 1 / p);
    }

    /// <summary>K directions uniform on the unit sphere S^{d−1}: normalised standard Gaussians, [d, K] float64.</summary>
    public static Tensor Directions(int dim, int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (dim < 1 || count < 1) throw new ArgumentOutOfRangeException(nameof(dim), $"dim {dim} and count {count} must be ≥ 1.");
        var g = randn([dim, count], dtype: ScalarType.Float64, generator: generator);
        return g / g.norm(0, keepdim: true);
    }

    /// <summary>
    /// W_p^p between the empirical distributions of each column of <paramref name="a"/> [N, K] and <paramref name="b"/> [M, K]:
    /// the quantile functions are step functions that change only at u = i/N and u = j/M, so the integral is a sum over
    /// those breakpoints. Returns [K].
    /// </summary>
    public static Tensor Wasserstein1D(Tensor a, Tensor b, double p)
    {
        var sa = a.sort(0).Values;                                                        // [N, K]
        var sb = b.sort(0).Values;                                                        // [M, K]
        long n = sa.shape[0], m = sb.shape[0];
        if (n == m) return (sa - sb).abs().pow(p).mean([0]);
        var u = cat([arange(1, n + 1, dtype: ScalarType.Float64) / n, arange(1, m + 1, dtype: ScalarType.Float64) / m]).sort().Values;
        var width = u - cat([zeros(1, dtype: ScalarType.Float64), u[..^1]]);            // interval lengths (0 for shared breakpoints)
        var mid = u - width / 2;
        var ia = (mid * n).floor().to(ScalarType.Int64).clamp(0, n - 1);                  // F⁻¹(u) = a_(⌈uN⌉) on (i/N, (i+1)/N]
        var ib = (mid * m).floor().to(ScalarType.Int64).clamp(0, m - 1);
        var diff = (sa.index_select(0, ia) - sb.index_select(0, ib)).abs().pow(p);        // [N + M, K]
        return (diff * width.unsqueeze(1)).sum(dim: 0);
    }
}
