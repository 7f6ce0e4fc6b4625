using static TorchSharp.torch;

namespace RoboDiffusion.Evaluation;

/// <summary>Checks shared by the sample-set distances: two finite point sets [N, d] and [M, d] with the same d.</summary>
internal static class SampleSets
{
    /// <summary>Both sets as float64 CPU [N, d] matrices ([N] is read as d = 1).</summary>
    public static (Tensor X, Tensor Y) AsMatrices(Tensor x, Tensor y, int minRows = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var a = AsMatrix(x, nameof(x), minRows);
        var b = AsMatrix(y, nameof(y), minRows);
        if (a.shape[1] != b.shape[1])
            throw new ArgumentException($"The sets have different dimensions: {a.shape[1]} and {b.shape[1]}.", nameof(y));
        return (a, b);
    }

    private static Tensor AsMatrix(Tensor t, string name, int minRows)
    {
        if (t.dim() is not (1 or 2)) throw new ArgumentException($"{name} must be [N, d] or [N], got [{string.Join(", ", t.shape)}].", name);
        if (t.shape[0] < minRows) throw new ArgumentException($"{name} needs at least {minRows} points, got {t.shape[0]}.", name);
        var m = t.detach().to(ScalarType.Float64, CPU);
        if (!m.isfinite().all().item<bool>()) throw new ArgumentException($"{name} contains NaN or infinite values.", name);
        return t.dim() == 1 ? m.unsqueeze(1) : m;
    }
}
