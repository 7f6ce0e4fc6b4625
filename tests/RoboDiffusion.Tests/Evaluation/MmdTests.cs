using RoboDiffusion.Evaluation;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Evaluation;

public sealed class MmdTests
{
    public MmdTests() => TorchRuntime.Initialize();

    private static TorchSharp.torch.Generator Seed(ulong s) => new(s);

    [Fact]
    public void Two_single_points_give_the_kernel_closed_form()
    {   // MMD² = k(x, x) + k(y, y) − 2k(x, y) = 2 − 2·exp(−‖x − y‖²/(2h²)); ‖x − y‖ = 5, h = 5.
        var x = tensor(new[,] { { 0.0, 0.0 } });
        var y = tensor(new[,] { { 3.0, 4.0 } });
        Assert.Equal(2 - 2 * Math.Exp(-0.5), Mmd.Squared(x, y, 5.0, unbiased: false), 14);
    }

    [Fact]
    public void Identical_sets_have_zero_biased_mmd()
    {
        var x = randn([100, 3], dtype: ScalarType.Float64, generator: Seed(1));
        Assert.Equal(0.0, Mmd.Squared(x, x.clone(), 1.0, unbiased: false), 14);
    }

    [Fact]
    public void Gaussian_shift_matches_the_population_mmd()
    {   // N(0, I₂) vs N(μ, I₂), RBF bandwidth h: MMD² = 2·(h²/(h² + 2))^{d/2}·(1 − exp(−‖μ‖²/(2(h² + 2)))).
        // h = 1, ‖μ‖² = 2: (2/3)·(1 − e^{−1/3}) = 0.188978. The unbiased estimate has this expectation.
        var x = randn([800, 2], dtype: ScalarType.Float64, generator: Seed(2));
        var y = randn([800, 2], dtype: ScalarType.Float64, generator: Seed(3)) + 1.0;
        var expected = 2.0 / 3 * (1 - Math.Exp(-1.0 / 3));
        Assert.InRange(Mmd.Squared(x, y, 1.0), expected - 0.03, expected + 0.03);              // sd ≈ 0.009 over seeds
        var same = randn([800, 2], dtype: ScalarType.Float64, generator: Seed(4));
        Assert.InRange(Mmd.Squared(x, same, 1.0), -0.004, 0.004);                          // same law: ≈ 0
    }

    [Fact]
    public void Permuting_the_points_does_not_change_the_mmd()
    {
        var x = randn([80, 2], dtype: ScalarType.Float64, generator: Seed(5));
        var y = randn([60, 2], dtype: ScalarType.Float64, generator: Seed(6)) * 1.5;
        var d = Mmd.Squared(x, y, 0.7);
        Assert.Equal(d, Mmd.Squared(x.flip(0), y[randperm(60, generator: Seed(7))], 0.7), 13);
    }

    [Fact]
    public void The_median_heuristic_picks_the_median_pairwise_distance()
    {   // Pooled points 0, 1, 3 on a line: distances 1, 3, 2 → median 2.
        Assert.Equal(2.0, Mmd.MedianBandwidth(tensor(new[] { 0.0, 1.0 }), tensor(new[] { 3.0 })), 14);
    }
}
