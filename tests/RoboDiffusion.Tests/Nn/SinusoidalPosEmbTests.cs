using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

public sealed class SinusoidalPosEmbTests
{
    public SinusoidalPosEmbTests() => TorchRuntime.Initialize();

    [Fact]
    public void Embedding_matches_the_closed_form_with_the_sine_half_first()
    {   // h = 4, f_i = 10000^(−i/3): emb = [sin(t·f_0..3), cos(t·f_0..3)].
        double[] ts = [0.0, 1.0, 2.5, 100.0];
        using var emb = new SinusoidalPosEmb(8);
        var got = emb.forward(tensor(ts, dtype: float64));
        Assert.Equal([4L, 8L], got.shape);
        for (var b = 0; b < ts.Length; b++)
            for (var i = 0; i < 4; i++)
            {
                var f = Math.Pow(10000.0, -i / 3.0);
                Assert.Equal(Math.Sin(ts[b] * f), got[b, i].item<double>(), 12);
                Assert.Equal(Math.Cos(ts[b] * f), got[b, 4 + i].item<double>(), 12);
            }
    }

    [Fact]
    public void Lowest_frequency_is_one_over_ten_thousand()
    {
        var f = SinusoidalPosEmb.Frequencies(16, ScalarType.Float64);
        Assert.Equal(1.0, f[0].item<double>(), 15);
        Assert.Equal(1e-4, f[7].item<double>(), 15);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2)]
    public void Odd_or_tiny_dimensions_are_rejected(int dim)
    {
        var e = Assert.Throws<ArgumentException>(() => new SinusoidalPosEmb(dim));
        Assert.Contains(dim.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Cached_frequencies_follow_the_dtype_of_each_call()
    {   // float32, then float64, then float32 again: each call matches sin(t·10000^(−i/3)) in its own precision.
        using var emb = new SinusoidalPosEmb(8);
        foreach (var (dtype, tolerance) in new[] { (ScalarType.Float32, 1e-6), (ScalarType.Float64, 1e-14), (ScalarType.Float32, 1e-6) })
        {
            var got = emb.forward(tensor(new[] { 3.0 }).to(dtype));
            Assert.Equal(dtype, got.dtype);
            for (var i = 0; i < 4; i++)
            {
                var expected = Math.Sin(3.0 * Math.Pow(10000.0, -i / 3.0));
                Assert.InRange(Math.Abs(got[0, i].to(ScalarType.Float64).item<double>() - expected), 0, tolerance);
            }
        }
    }
}
