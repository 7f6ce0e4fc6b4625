using static TorchSharp.torch;

namespace RoboDiffusion.Evaluation;

/// <summary>
/// Maximum mean discrepancy with the Gaussian (RBF) kernel k(x, y) = exp(−‖x − y‖² / (2h²)) (Gretton et al. 2012, JMLR):
/// MMD² = E k(x, x') + E k(y, y') − 2 E k(x, y). The unbiased estimate MMD²_u (a U-statistic) drops the diagonal terms
/// and can be slightly negative; the biased MMD²_b (a V-statistic) keeps them and is ≥ 0.
/// </summary>
public static class Mmd
{
    /// <summary>MMD² between the rows of <paramref name="x"/> [N, d] and <paramref name="y"/> [M, d] for bandwidth h.</summary>
    public static double Squared(Tensor x, Tensor y, double bandwidth, bool unbiased = true)
    {
        if (!(bandwidth > 0 && double.IsFinite(bandwidth)))
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "The bandwidth must be finite and > 0.");
        using var scope = NewDisposeScope();
        var (a, b) = SampleSets.AsMatrices(x, y, minRows: unbiased ? 2 : 1);
        var kxx = Kernel(a, a, bandwidth);
        var kyy = Kernel(b, b, bandwidth);
        var kxy = Kernel(a, b, bandwidth).mean().item<double>();
        return unbiased
            ? OffDiagonalMean(kxx) + OffDiagonalMean(kyy) - 2 * kxy
            : kxx.mean().item<double>() + kyy.mean().item<double>() - 2 * kxy;
    }

    /// <summary>MMD = √max(MMD², 0).</summary>
    public static double Distance(Tensor x, Tensor y, double bandwidth, bool unbiased = true) =>
        Math.Sqrt(Math.Max(Squared(x, y, bandwidth, unbiased), 0));

    /// <summary>The median heuristic (Gretton et al. 2012): h = median of the pairwise distances within the pooled sample.</summary>
    public static double MedianBandwidth(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var (a, b) = SampleSets.AsMatrices(x, y);
        var pooled = cat([a, b]);
        var n = pooled.shape[0];
        if (n < 2) throw new ArgumentException("The median heuristic needs at least two points in total.");
        var d = cdist(pooled, pooled);
        var upper = d.masked_select(ones(n, n, dtype: ScalarType.Bool).triu(1));
        var h = upper.median().item<double>();
        return h > 0 ? h : throw new ArgumentException("All points coincide; the median distance is 0, so pass a bandwidth.");
    }

    /// <summary>k(a_i, b_j) for all pairs, [N, M].</summary>
    private static Tensor Kernel(Tensor a, Tensor b, double h)
    {
        // ‖a‖² + ‖b‖² − 2a·b needs only [N, M] memory; float64 keeps the cancellation harmless, clamp removes −0-ish noise.
        var sq = (a.pow(2).sum(1, keepdim: true) + b.pow(2).sum(1).unsqueeze(0) - 2 * a.matmul(b.t())).clamp_min(0);  // [N, M]
        return (-sq / (2 * h * h)).exp();
    }

    private static double OffDiagonalMean(Tensor k)
    {
        var n = k.shape[0];
        return (k.sum().item<double>() - k.diagonal().sum().item<double>()) / (n * (n - 1.0));
    }
}
