using RoboDiffusion.Diffusion.Samplers;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>On a uniform grid with step h the LMS weights are the classical Adams-Bashforth coefficients (Hairer et al., Table III.1.1).</summary>
public sealed class LmsCoefficientTests
{
    private static readonly double[] Uniform = [10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 0.0];        // h = −0.5 for the first five steps

    [Theory]
    [InlineData(1, new[] { 1.0 })]
    [InlineData(2, new[] { 3.0 / 2, -1.0 / 2 })]
    [InlineData(3, new[] { 23.0 / 12, -16.0 / 12, 5.0 / 12 })]
    [InlineData(4, new[] { 55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24 })]
    public void Uniform_grid_gives_the_adams_bashforth_coefficients(int order, double[] expected)
    {
        const int i = 4;
        for (var j = 0; j < order; j++)
            Assert.Equal(expected[j] * -0.5, Sampling.LmsCoefficient(order, Uniform, i, j), 12);
    }

    [Fact]
    public void Coefficients_of_any_order_sum_to_the_step_on_a_non_uniform_grid()
    {   // The Lagrange basis sums to 1, so Σ_j c_j = σ_{i+1} − σ_i; here from a Karras-like uneven grid.
        double[] sigmas = [80, 41.3, 20.1, 9.2, 3.8, 1.4, 0];
        for (var order = 1; order <= 4; order++)
            Assert.Equal(sigmas[6] - sigmas[5], Enumerable.Range(0, order).Sum(j => Sampling.LmsCoefficient(order, sigmas, 5, j)), 10);
    }

    [Fact]
    public void An_order_higher_than_the_history_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Sampling.LmsCoefficient(3, Uniform, 1, 0));
        Assert.Contains("step 1", e.Message);
    }
}
