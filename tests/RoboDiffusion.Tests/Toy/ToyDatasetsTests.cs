using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Toy;

public sealed class ToyDatasetsTests
{
    public ToyDatasetsTests() => TorchRuntime.Initialize();

    private static TorchSharp.torch.Generator Seed(ulong s) => new(s);

    [Fact]
    public void Noise_free_moons_lie_on_the_two_arcs_half_each()
    {   // Undo the ×2 + (−1, −0.2) map; upper arc: |p| = 1, y ≥ 0; lower arc: |p − (1, 0.5)| = 1, y ≤ 0.5.
        var q = Moons.Sample(1000, Seed(1), noise: 0, dtype: ScalarType.Float64);
        var p = (q - tensor(new[] { -1.0, -0.2 }, dtype: ScalarType.Float64)) / 2;
        var onUpper = (p.norm(1, false, 2) - 1).abs().lt(1e-12).logical_and(p[.., 1].ge(-1e-12));
        var onLower = ((p - tensor(new[] { 1.0, 0.5 }, dtype: ScalarType.Float64)).norm(1, false, 2) - 1).abs().lt(1e-12)
            .logical_and(p[.., 1].le(0.5 + 1e-12));
        Assert.Equal(500, onUpper.sum().item<long>());
        Assert.Equal(500, onLower.sum().item<long>());
        Assert.True(onUpper.logical_xor(onLower).all().item<bool>());
    }

    [Fact]
    public void Moons_mean_matches_the_closed_form()
    {   // Raw mean: upper (0, 2/π), lower (1, 0.5 − 2/π) → (0.5, 0.25); mapped: 2·(0.5, 0.25) + (−1, −0.2) = (0, 0.3).
        var q = Moons.Sample(20000, Seed(2), dtype: ScalarType.Float64);
        var mean = q.mean([0]);
        Assert.InRange(mean[0].item<double>(), -0.03, 0.03);      // std of x ≈ 1.8 → standard error ≈ 0.013
        Assert.InRange(mean[1].item<double>(), 0.3 - 0.02, 0.3 + 0.02);
    }

    [Fact]
    public void Noise_free_swiss_roll_points_satisfy_the_spiral_equation()
    {   // 5·(x, y) = t·(cos t, sin t) with t = 5·‖(x, y)‖ ∈ [1.5π, 4.5π].
        var p = SwissRoll.Sample(500, Seed(3), noise: 0, dtype: ScalarType.Float64) * SwissRoll.Divisor;
        var t = p.norm(1, false, 2);
        Assert.True(t.ge(1.5 * Math.PI - 1e-9).all().item<bool>() && t.le(4.5 * Math.PI + 1e-9).all().item<bool>());
        Assert.True(p[.., 0].allclose(t * t.cos(), rtol: 0, atol: 1e-9));
        Assert.True(p[.., 1].allclose(t * t.sin(), rtol: 0, atol: 1e-9));
    }

    [Fact]
    public void Checkerboard_fills_the_eight_dark_squares_evenly()
    {   // Dark squares: ⌊x/2⌋ + ⌊y/2⌋ even; 8 of them, each with n/8 points in expectation; marginal U(−4, 4) has variance 16/3.
        const int n = 16000;
        var p = Checkerboard.Sample(n, Seed(4), ScalarType.Float64);
        Assert.True(p.abs().le(Checkerboard.HalfWidth).all().item<bool>());
        var cell = (p / 2).floor().to(ScalarType.Int64);                                   // [n, 2] in {−2…1}
        Assert.True((cell[.., 0] + cell[.., 1]).remainder(2).eq(0).all().item<bool>());
        var counts = ((cell[.., 0] + 2) * 4 + cell[.., 1] + 2).bincount(null, 16);
        var filled = counts.data<long>().ToArray().Where(c => c > 0).ToArray();
        Assert.Equal(8, filled.Length);
        Assert.All(filled, c => Assert.InRange(c, n / 8 - 150, n / 8 + 150));            // binomial std ≈ 42
        Assert.InRange(p[.., 0].var().item<double>(), 16.0 / 3 - 0.15, 16.0 / 3 + 0.15);
    }

    [Theory]
    [InlineData("gmm8")]
    [InlineData("moons")]
    [InlineData("swissroll")]
    [InlineData("checkerboard")]
    public void Every_named_dataset_is_seeded_and_shaped(string name)
    {
        var a = ToyDatasets.Sample(name, 64, Seed(9));
        var b = ToyDatasets.Sample(name, 64, Seed(9));
        var c = ToyDatasets.Sample(name, 64, Seed(10), ScalarType.Float64);
        Assert.Equal([64L, 2L], a.shape);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.Equal(ScalarType.Float64, c.dtype);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.to(ScalarType.Float64).eq(c).all().item<bool>());
    }

    [Fact]
    public void Unknown_names_list_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ToyDatasets.Sample("spirals", 10, Seed(0)));
        foreach (var name in ToyDatasets.Names) Assert.Contains(name, e.Message);
    }
}
