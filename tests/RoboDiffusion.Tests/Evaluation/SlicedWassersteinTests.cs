using RoboDiffusion.Evaluation;
using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Evaluation;

public sealed class SlicedWassersteinTests
{
    public SlicedWassersteinTests() => TorchRuntime.Initialize();

    private static TorchSharp.torch.Generator Seed(ulong s) => new(s);

    [Fact]
    public void Identical_sets_and_the_same_set_with_every_point_doubled_are_at_distance_zero()
    {
        var x = randn([300, 3], dtype: ScalarType.Float64, generator: Seed(1));
        Assert.Equal(0.0, SlicedWasserstein.Distance(x, x.clone(), Seed(2), 64, p: 1));
        Assert.Equal(0.0, SlicedWasserstein.Distance(x, cat([x, x]), Seed(2), 64, p: 2));   // N ≠ M, same empirical measure
    }

    [Fact]
    public void Unequal_sizes_use_the_exact_quantile_integral()
    {   // x = {0, 1}, y = {0, 1, 2}: F⁻¹ and G⁻¹ differ by 1 on (1/3, 1/2] and (2/3, 1], so W1 = 1/6 + 1/3 = 1/2 and W2² = 1/2.
        var x = tensor(new[] { 0.0, 1.0 });
        var y = tensor(new[] { 2.0, 0.0, 1.0 });
        Assert.Equal(0.5, SlicedWasserstein.Distance(x, y, Seed(0), 8, p: 1), 12);
        Assert.Equal(Math.Sqrt(0.5), SlicedWasserstein.Distance(x, y, Seed(0), 8, p: 2), 12);
    }

    [Fact]
    public void A_shifted_set_gives_the_closed_form_mean_of_the_projected_shift()
    {   // y = x + μ: each 1-D W_p = |μ·θ|. In 2-D, E|μ·θ| = 2|μ|/π and √E(μ·θ)² = |μ|/√2; |μ| = 5.
        var x = randn([100, 2], dtype: ScalarType.Float64, generator: Seed(3));
        var y = x + tensor(new[] { 3.0, 4.0 }, dtype: ScalarType.Float64);
        var sw1 = SlicedWasserstein.Distance(x, y, Seed(4), 2000, p: 1);
        var sw2 = SlicedWasserstein.Distance(x, y, Seed(4), 2000, p: 2);
        Assert.InRange(sw1, 10 / Math.PI - 0.12, 10 / Math.PI + 0.12);                   // SE over 2000 directions ≈ 0.034
        Assert.InRange(sw2, 5 / Math.Sqrt(2) - 0.1, 5 / Math.Sqrt(2) + 0.1);             // SE ≈ 0.03
    }

    [Fact]
    public void A_shifted_set_gives_exactly_the_mean_projected_shift_over_the_drawn_directions()
    {   // Same seed, same directions θ_k: SW1 = mean_k |μ·θ_k| up to rounding.
        var x = randn([50, 2], dtype: ScalarType.Float64, generator: Seed(3));
        var mu = tensor(new[] { 3.0, 4.0 }, dtype: ScalarType.Float64);
        var theta = SlicedWasserstein.Directions(2, 64, Seed(4));                          // [2, K]
        Assert.True(theta.norm(0, false, 2).allclose(ones(64, dtype: ScalarType.Float64), rtol: 0, atol: 1e-14));
        var expected = mu.matmul(theta).abs().mean().item<double>();
        Assert.Equal(expected, SlicedWasserstein.Distance(x, x + mu, Seed(4), 64, p: 1), 12);
    }

    [Fact]
    public void Independent_gaussian_samples_approach_the_population_value()
    {   // N(0, I) vs N(μ, I) in 3-D: projections are N(0, 1) and N(μ·θ, 1), so SW2² = E(μ·θ)² = |μ|²/3 = 1 for μ = (1, 1, 1).
        var x = randn([2000, 3], dtype: ScalarType.Float64, generator: Seed(5));
        var y = randn([2000, 3], dtype: ScalarType.Float64, generator: Seed(6)) + 1.0;
        var sw2 = SlicedWasserstein.Distance(x, y, Seed(7), 400, p: 2);
        Assert.InRange(sw2, 0.92, 1.08);                                                 // sd ≈ 0.025 over seeds
    }

    [Fact]
    public void Permuting_the_points_does_not_change_the_distance()
    {
        var x = randn([257, 4], dtype: ScalarType.Float64, generator: Seed(8));
        var y = randn([190, 4], dtype: ScalarType.Float64, generator: Seed(9)) * 2;
        var d = SlicedWasserstein.Distance(x, y, Seed(10), 32);
        var shuffled = SlicedWasserstein.Distance(x[randperm(257, generator: Seed(11))], y[randperm(190, generator: Seed(12))], Seed(10), 32);
        Assert.Equal(d, shuffled, 14);
        Assert.True(d > 0.5);
    }

    [Fact]
    public void Toy_datasets_are_closer_to_themselves_than_to_each_other()
    {   // Two independent gmm8 draws differ only by sampling noise (mostly mode-weight imbalance, which W2 punishes
        // more than W1); gmm8 vs checkerboard differ in shape (seeded run: SW1 0.20 vs 0.64).
        var a = ToyDatasets.Sample("gmm8", 1000, Seed(20), ScalarType.Float64);
        var b = ToyDatasets.Sample("gmm8", 1000, Seed(21), ScalarType.Float64);
        var c = ToyDatasets.Sample("checkerboard", 1000, Seed(22), ScalarType.Float64);
        var same = SlicedWasserstein.Distance(a, b, Seed(23), 128, p: 1);
        var different = SlicedWasserstein.Distance(a, c, Seed(23), 128, p: 1);
        Assert.True(different > 2 * same, $"same {same:F3}, different {different:F3}");
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_the_problem_named()
    {
        Assert.Contains("dimensions", Assert.Throws<ArgumentException>(() =>
            SlicedWasserstein.Distance(zeros(5, 2), zeros(5, 3), Seed(0))).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() =>
            SlicedWasserstein.Distance(full(5, 2, double.NaN), zeros(5, 2), Seed(0))).Message);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SlicedWasserstein.Distance(zeros(5, 2), zeros(5, 2), Seed(0), p: 0.5)).ParamName);
    }
}
