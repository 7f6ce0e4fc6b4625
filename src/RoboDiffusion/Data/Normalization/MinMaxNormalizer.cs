using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Data.Normalization;

/// <summary>
/// Per-dimension min-max normalization to [-1, 1] from dataset statistics: diffusion_policy's LinearNormalizer in
/// "limits" mode (Chi et al., RSS 2023; normalizer.py <c>_fit</c>, output_min = −1, output_max = 1, range_eps = 1e-4).
/// y = scale·x + offset with scale = 2/(max − min) and offset = −1 − scale·min. A dimension whose range is below
/// <see cref="RangeEps"/> is treated as constant: scale 1 and offset −min (so it maps to 0, the middle of the output).
/// Computed as y = (x − min)/h + a with h = (max − min)/2 (or 1) and a = −1 (or 0), which is the same map but sends
/// min to −1 and max to +1 exactly in floating point.
/// </summary>
public sealed class MinMaxNormalizer
{
    /// <summary>Ranges below this are constant dimensions (diffusion_policy's range_eps).</summary>
    public const double RangeEps = 1e-4;

    private readonly double[] _min;
    private readonly double[] _max;
    private readonly double[] _halfRange;   // h: (max − min)/2, or 1 for a constant dimension
    private readonly double[] _anchor;      // a: output of x = min, −1 (or 0 for a constant dimension)

    private MinMaxNormalizer(double[] min, double[] max)
    {
        _min = min;
        _max = max;
        _halfRange = new double[min.Length];
        _anchor = new double[min.Length];
        for (var d = 0; d < min.Length; d++)
        {
            var constant = max[d] - min[d] < RangeEps;
            _halfRange[d] = constant ? 1.0 : (max[d] - min[d]) / 2;
            _anchor[d] = constant ? 0.0 : -1.0;
        }
    }

    /// <summary>Values per row.</summary>
    public int Dim => _min.Length;

    /// <summary>Per-dimension minimum of the fitted data.</summary>
    public IReadOnlyList<double> Min => _min;

    /// <summary>Per-dimension maximum of the fitted data.</summary>
    public IReadOnlyList<double> Max => _max;

    /// <summary>The original's scale: 2/(max − min), or 1 for a constant dimension.</summary>
    public IReadOnlyList<double> Scale => [.. _halfRange.Select(h => 1.0 / h)];

    /// <summary>The original's offset: −1 − scale·min, or −min for a constant dimension.</summary>
    public IReadOnlyList<double> Offset => [.. _min.Select((m, d) => _anchor[d] - m / _halfRange[d])];

    /// <summary>Builds a normalizer from statistics; NaN, infinite or inverted (min &gt; max) stats are rejected.</summary>
    public static MinMaxNormalizer FromStats(IReadOnlyList<double> min, IReadOnlyList<double> max)
    {
        if (min.Count != max.Count)
            throw new ArgumentException($"min has {min.Count} dimensions but max has {max.Count}.");
        if (min.Count == 0) throw new ArgumentException("Normalizer statistics need at least one dimension.");
        for (var d = 0; d < min.Count; d++)
        {
            if (!double.IsFinite(min[d]) || !double.IsFinite(max[d]))
                throw new ArgumentException($"Statistics of dimension {d} are not finite (min {min[d]}, max {max[d]}).");
            if (min[d] > max[d])
                throw new ArgumentException($"Dimension {d} has min {min[d]} greater than max {max[d]}.");
        }
        return new MinMaxNormalizer([.. min], [.. max]);
    }

    /// <summary>Fits to row-major data [rows * dim] (e.g. a <see cref="FrameTable"/> feature); NaN values are an error.</summary>
    public static MinMaxNormalizer Fit(ReadOnlySpan<float> values, int dim)
    {
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be positive.");
        if (values.Length == 0 || values.Length % dim != 0)
            throw new ArgumentException($"Data of {values.Length} values is not a non-empty whole number of rows of {dim}.");
        var min = Enumerable.Repeat(double.PositiveInfinity, dim).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, dim).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var (d, v) = (i % dim, (double)values[i]);
            if (double.IsNaN(v)) throw new ArgumentException($"Data contains NaN at row {i / dim}, dimension {d}.");
            min[d] = Math.Min(min[d], v);
            max[d] = Math.Max(max[d], v);
        }
        return FromStats(min, max);
    }

    /// <summary>Maps one row (or rows, row-major) of data into [-1, 1].</summary>
    public float[] Normalize(ReadOnlySpan<float> x) => Map(x, forward: true);

    /// <summary>Inverse of <see cref="Normalize(ReadOnlySpan{float})"/>.</summary>
    public float[] Unnormalize(ReadOnlySpan<float> y) => Map(y, forward: false);

    /// <summary>Normalizes a tensor [..., Dim] in its own dtype and device.</summary>
    public Tensor Normalize(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (min, h, a) = Parameters(x);
        return ((x - min) / h + a).MoveToOuterDisposeScope();
    }

    /// <summary>Inverse of <see cref="Normalize(Tensor)"/>.</summary>
    public Tensor Unnormalize(Tensor y)
    {
        using var scope = NewDisposeScope();
        var (min, h, a) = Parameters(y);
        return ((y - a) * h + min).MoveToOuterDisposeScope();
    }

    private float[] Map(ReadOnlySpan<float> x, bool forward)
    {
        if (x.Length == 0 || x.Length % Dim != 0)
            throw new ArgumentException($"Expected rows of {Dim} values, got {x.Length} values.");
        var result = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var d = i % Dim;
            result[i] = (float)(forward ? (x[i] - _min[d]) / _halfRange[d] + _anchor[d]
                                        : (x[i] - _anchor[d]) * _halfRange[d] + _min[d]);
        }
        return result;
    }

    private (Tensor Min, Tensor HalfRange, Tensor Anchor) Parameters(Tensor x)
    {
        if (x.dim() == 0 || x.shape[^1] != Dim)
            throw new ArgumentException($"Expected a tensor [..., {Dim}], got [{string.Join(", ", x.shape)}].");
        if (!x.is_floating_point())
            throw new ArgumentException($"Normalization needs a floating-point tensor, got {x.dtype}.");
        Tensor Vector(double[] v) => tensor(v, dtype: x.dtype, device: x.device);
        return (Vector(_min), Vector(_halfRange), Vector(_anchor));
    }
}
