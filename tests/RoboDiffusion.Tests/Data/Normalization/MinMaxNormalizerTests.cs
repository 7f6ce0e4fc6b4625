using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Data.Normalization;

public sealed class MinMaxNormalizerTests
{
    public MinMaxNormalizerTests() => TorchRuntime.Initialize();

    // Rows of 3: dimension 0 spans [-3.7, 12.25], dimension 1 spans [0.1, 0.3], dimension 2 is constant 5.
    private static readonly float[] Data = [-3.7f, 0.2f, 5f, 12.25f, 0.1f, 5f, 1.5f, 0.3f, 5f, 0f, 0.25f, 5f];

    [Fact]
    public void Normalize_maps_min_to_minus_one_and_max_to_plus_one_exactly()
    {
        var n = MinMaxNormalizer.Fit(Data, 3);
        Assert.Equal([-1f, -1f], n.Normalize([-3.7f, 0.1f, 5f])[..2]);
        Assert.Equal([1f, 1f], n.Normalize([12.25f, 0.3f, 5f])[..2]);
        using var x = tensor(new float[] { -3.7f, 0.1f, 5f, 12.25f, 0.3f, 5f }, [2, 3]);
        using var y = n.Normalize(x);
        Assert.Equal([-1f, -1f, 0f, 1f, 1f, 0f], y.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Scale_and_offset_follow_the_limits_formula()
    {
        var n = MinMaxNormalizer.Fit(Data, 3);
        var min = new[] { (double)-3.7f, (double)0.1f };
        var max = new[] { 12.25, (double)0.3f };
        for (var d = 0; d < 2; d++)
        {
            var scale = 2 / (max[d] - min[d]);
            Assert.Equal(scale, n.Scale[d], 12);
            Assert.Equal(-1 - scale * min[d], n.Offset[d], 12);
        }
    }

    // diffusion_policy _fit: a range below 1e-4 is replaced by output_max − output_min = 2, so scale = 1, and the
    // offset becomes (output_max + output_min)/2 − min = −min: the constant maps to 0 and x to x − min.
    [Fact]
    public void Constant_dimension_gets_unit_scale_and_offset_minus_min()
    {
        var n = MinMaxNormalizer.Fit([2f, 7f, 2.00005f, 7f], 2);   // dim 0 range 5e-5 < 1e-4, dim 1 constant
        Assert.Equal(1.0, n.Scale[0]);
        Assert.Equal(-2.0, n.Offset[0], 12);
        Assert.Equal(1.0, n.Scale[1]);
        Assert.Equal(-7.0, n.Offset[1]);
        Assert.Equal([0f, 0f], n.Normalize([2f, 7f]));
        Assert.Equal([1f, 0.5f], n.Normalize([3f, 7.5f]));
    }

    [Fact]
    public void Round_trip_recovers_the_data_in_float32_and_float64()
    {
        var n = MinMaxNormalizer.Fit(Data, 3);
        var rng = new Random(1);
        var rows = Enumerable.Range(0, 300).Select(_ => (float)(rng.NextDouble() * 30 - 10)).ToArray();
        var back = n.Unnormalize(n.Normalize(rows));
        // 1e-6 relative: float32 carries ~6e-8 relative precision, the two maps add a few roundings
        for (var i = 0; i < rows.Length; i++) Assert.True(Math.Abs(back[i] - rows[i]) <= 1e-6 * Math.Max(1, Math.Abs(rows[i])), $"{rows[i]} -> {back[i]}");

        using var x32 = tensor(rows, [100, 3]);
        using var y32 = n.Unnormalize(n.Normalize(x32));
        Assert.True(((y32 - x32).abs() / x32.abs().clamp_min(1)).max().item<float>() <= 1e-6f);

        using var x64 = x32.to_type(ScalarType.Float64);
        using var y64 = n.Unnormalize(n.Normalize(x64));
        Assert.Equal(ScalarType.Float64, y64.dtype);
        Assert.True(((y64 - x64).abs() / x64.abs().clamp_min(1)).max().item<double>() <= 1e-12);
    }

    [Fact]
    public void Bad_input_gets_clear_errors()
    {
        var n = MinMaxNormalizer.Fit(Data, 3);
        using var wrong = zeros(4, 2);
        Assert.Contains("[..., 3]", Assert.Throws<ArgumentException>(() => n.Normalize(wrong)).Message);
        Assert.Throws<ArgumentException>(() => n.Normalize([1f, 2f]));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => MinMaxNormalizer.Fit([1f, float.NaN], 2)).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => MinMaxNormalizer.FromStats([double.NaN], [1.0])).Message);
        Assert.Throws<ArgumentException>(() => MinMaxNormalizer.FromStats([2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => MinMaxNormalizer.FromStats([0.0, 1.0], [1.0]));
    }
}
