using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Toy;

public sealed class GaussianMixtureTests
{
    public GaussianMixtureTests() => TorchRuntime.Initialize();

    [Fact]
    public void Gmm8_has_eight_equal_components_on_a_circle_of_radius_four()
    {
        var gmm = GaussianMixture.Gmm8();
        Assert.Equal((8, 2), (gmm.Components, gmm.Dim));
        var (means, stds) = (gmm.Means, gmm.Stds);
        for (var k = 0; k < 8; k++)
        {
            Assert.Equal(0.125, gmm.Weights[k], 15);
            Assert.Equal(4 * Math.Cos(Math.PI * k / 4), means[k, 0], 12);
            Assert.Equal(4 * Math.Sin(Math.PI * k / 4), means[k, 1], 12);
            Assert.Equal((0.5, 0.5), (stds[k, 0], stds[k, 1]));
        }
    }

    [Fact]
    public void Log_density_of_a_two_component_mixture_matches_the_formula()
    {   // p_σ(x) = Σ w_k Π_d N(x_d; m_kd, s_kd² + σ²), evaluated by hand.
        var gmm = new GaussianMixture([1, 3], [[0, 1], [2, -1]], [[0.5, 1.0], [2.0, 0.3]]);
        var x = tensor(new double[,] { { 0.3, -0.2 } });
        const double sigma = 0.7;
        static double Normal(double x, double m, double v) => Math.Exp(-(x - m) * (x - m) / (2 * v)) / Math.Sqrt(2 * Math.PI * v);
        var v = sigma * sigma;
        var expected = Math.Log(0.25 * Normal(0.3, 0, 0.25 + v) * Normal(-0.2, 1, 1 + v)
                              + 0.75 * Normal(0.3, 2, 4 + v) * Normal(-0.2, -1, 0.09 + v));
        Assert.Equal(expected, gmm.LogDensity(x, sigma).item<double>(), 12);
    }

    [Fact]
    public void Denoiser_of_a_single_gaussian_is_the_linear_posterior_mean()
    {   // D(x; σ) = m + s²/(s² + σ²)·(x − m) per coordinate (Karras et al. 2022, the Gaussian case).
        var gmm = new GaussianMixture([1], [[1.0, -2.0]], [[0.5, 2.0]]);
        var x = tensor(new double[,] { { 3.0, 0.0 }, { -1.0, 5.0 } });
        var d = gmm.Denoise(x, tensor(new[] { 1.0, 0.1 }));
        Assert.Equal(1 + 0.25 / 1.25 * 2, d[0, 0].item<double>(), 12);
        Assert.Equal(-2 + 4 / 5.0 * 2, d[0, 1].item<double>(), 12);
        Assert.Equal(1 + 0.25 / 0.26 * -2, d[1, 0].item<double>(), 12);
        Assert.Equal(-2 + 4 / 4.01 * 7, d[1, 1].item<double>(), 12);
    }

    [Fact]
    public void Denoiser_satisfies_tweedies_formula()
    {   // E[x₀ | x] = x + σ²·∇ log p_σ(x) (Efron 2011), with the gradient from autograd through LogDensity.
        var gmm = GaussianMixture.Gmm8();
        var x = (3 * randn([16, 2], ScalarType.Float64, generator: new Generator(4))).requires_grad_();
        foreach (var sigma in new[] { 0.05, 0.5, 2.0, 20.0 })
        {
            var grad = autograd.grad([gmm.LogDensity(x, sigma).sum()], [x])[0];
            var tweedie = x.detach() + sigma * sigma * grad;
            var d = gmm.Denoise(x.detach(), full(16, sigma, ScalarType.Float64));
            Assert.True(allclose(d, tweedie, rtol: 1e-9, atol: 1e-9), $"σ = {sigma}");
        }
    }

    [Fact]
    public void Denoiser_is_stable_far_from_the_data_and_per_row_sigmas_match_shared_ones()
    {
        var gmm = GaussianMixture.Gmm8();
        var far = tensor(new double[,] { { 1e4, 0 }, { 0, -1e4 } });
        var d = gmm.Denoise(far, full(2, 1.0, ScalarType.Float64));
        Assert.True(isfinite(d).all().item<bool>());                                          // max-shifted softmax: no 0/0
        // The nearest component takes all the weight: D = 0.8·m + 0.2·x with s²/(s² + σ²) = 0.25/1.25.
        Assert.True(allclose(d, tensor(new double[,] { { 0.8 * 4 + 0.2 * 1e4, 0 }, { 0, 0.8 * -4 + 0.2 * -1e4 } }), atol: 1e-9));
        var x = randn([6, 2], ScalarType.Float64, generator: new Generator(2));
        var sigmas = tensor(new[] { 0.1, 0.5, 1.0, 2.0, 5.0, 80.0 });
        var together = gmm.Denoise(x, sigmas);
        for (var b = 0; b < 6; b++)
            Assert.True(allclose(together[b], gmm.Denoise(x[b..(b + 1)], sigmas[b..(b + 1)])[0], rtol: 1e-14, atol: 1e-14));
    }

    [Fact]
    public void Sampling_is_seeded_and_matches_the_component_statistics()
    {   // 40 000 draws: weight SE ≈ 0.0017, per-component mean SE ≈ 0.005.
        var gmm = new GaussianMixture([0.2, 0.8], [[-3, 0], [3, 1]], [[0.5, 0.5], [1.0, 0.25]]);
        var a = gmm.Sample(40_000, new Generator(9));
        Assert.True(a.equal(gmm.Sample(40_000, new Generator(9))).all().item<bool>());
        var left = a[a[.., 0] < 0];
        Assert.InRange(left.shape[0] / 40_000.0, 0.19, 0.21);
        var right = a[a[.., 0] >= 0];
        Assert.True(allclose(right.mean([0L]), tensor(new[] { 3.0, 1.0 }), atol: 0.03));
        Assert.True(allclose(right.std(0L), tensor(new[] { 1.0, 0.25 }), atol: 0.02));
    }

    [Fact]
    public void Bad_shapes_and_parameters_are_rejected()
    {
        var gmm = GaussianMixture.Gmm8();
        Assert.Throws<ArgumentException>(() => gmm.Denoise(zeros(4, 3, dtype: ScalarType.Float64), ones(4, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => gmm.Denoise(zeros(4, 2, dtype: ScalarType.Float64), ones(3, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => new GaussianMixture([1, 1], [[0.0], [1.0]], [[1.0], [-1.0]]));
        Assert.Throws<ArgumentException>(() => new GaussianMixture([1, 0], [[0.0], [1.0]], [[1.0], [1.0]]));
    }
}
