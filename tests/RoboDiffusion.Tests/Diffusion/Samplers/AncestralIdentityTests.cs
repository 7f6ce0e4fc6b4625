using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>DDIM and DDPM checked against their papers' formulas and against the σ-space samplers they coincide with.</summary>
public sealed class AncestralIdentityTests
{
    public AncestralIdentityTests() => TorchRuntime.Initialize();

    private static List<(double Sigma, Tensor X, Tensor Denoised)> Record(SamplerFn sampler, Tensor x, double[] sigmas, SamplerOptions? options = null)
    {
        var steps = new List<(double, Tensor, Tensor)>();
        sampler(GaussianMixture.Gmm8().AsDenoiser(), x, sigmas, options,
            onStep: s => steps.Add((s.Sigma, s.X.clone().DetachFromDisposeScope(), s.Denoised.clone().DetachFromDisposeScope())));
        return steps;
    }

    [Fact]
    public void Ddim_with_eta_zero_equals_euler_step_by_step()
    {   // Song et al. (2021) eq. 12 at η = 0 on x = x_vp/√ᾱ is x' = D + σ'·(x − D)/σ: Euler's step on dx/dσ = (x − D)/σ.
        using var scope = NewDisposeScope();
        var x = 80.0 * randn([256, 2], ScalarType.Float64, generator: new Generator(1));
        var sigmas = SigmaGrids.Karras(12, 0.002, 80);
        var ddim = Record(Sampling.Ddim, x, sigmas);
        var euler = Record(Sampling.Euler, x, sigmas);
        Assert.Equal(12, ddim.Count);
        for (var i = 0; i < ddim.Count; i++)
        {
            Assert.Equal(euler[i].Sigma, ddim[i].Sigma);
            Assert.True(allclose(ddim[i].X, euler[i].X, rtol: 1e-10, atol: 1e-10), $"x differs at step {i}");
            Assert.True(allclose(ddim[i].Denoised, euler[i].Denoised, rtol: 1e-10, atol: 1e-10), $"D differs at step {i}");
        }
    }

    [Fact]
    public void Ddpm_step_is_the_closed_form_posterior_of_ho_et_al()
    {   // Ho et al. (2020) eq. 6-7 with ᾱ = 1/(1 + σ²): mean √ᾱ'β/(1−ᾱ)·x₀ + √α(1−ᾱ')/(1−ᾱ)·x_t, variance (1−ᾱ')/(1−ᾱ)·β.
        using var scope = NewDisposeScope();
        const double sigma = 2.0, sigmaNext = 0.7, x0 = 1.25;
        var x = full(4, 1, 3.0, ScalarType.Float64);
        var z = SamplerTestKit.Draws(1, 4, 1, seed: 9);
        var noise = new SamplerTestKit.RecordedNoise(z);
        Tensor? atNext = null;
        Sampling.Ddpm((xt, _) => full_like(xt, x0), x, [sigma, sigmaNext, 0.0], noise: noise.Sampler,
            onStep: s => { if (s.Index == 1) atNext = s.X.clone().DetachFromDisposeScope(); });

        double abar = 1 / (1 + sigma * sigma), abarPrev = 1 / (1 + sigmaNext * sigmaNext);
        double alpha = abar / abarPrev, beta = 1 - alpha;
        var xVp = x * Math.Sqrt(abar);                                                        // x_t on the VP scale
        var meanVp = Math.Sqrt(abarPrev) * beta / (1 - abar) * x0 + Math.Sqrt(alpha) * (1 - abarPrev) / (1 - abar) * xVp;
        var stdVp = Math.Sqrt((1 - abarPrev) / (1 - abar) * beta);
        var expected = (meanVp + stdVp * z[0]) / Math.Sqrt(abarPrev);                         // back to x = x_vp/√ᾱ'
        Assert.True(allclose(atNext!, expected, rtol: 1e-12, atol: 1e-12));
        Assert.Single(noise.Calls);                                                           // no noise on the step to σ = 0
    }

    [Fact]
    public void Ddpm_transition_has_the_posterior_mean_and_variance_statistically()
    {
        using var scope = NewDisposeScope();
        const double sigma = 1.5, sigmaNext = 0.4, x0 = -2.0;
        Tensor? atNext = null;
        Sampling.Ddpm((xt, _) => full_like(xt, x0), full(40_000, 1, 1.0, ScalarType.Float64), [sigma, sigmaNext, 0.0],
            new SamplerOptions { Seed = 4 }, onStep: s => { if (s.Index == 1) atNext = s.X.clone().DetachFromDisposeScope(); });
        var ratio = sigmaNext * sigmaNext / (sigma * sigma);
        var mean = ratio * 1.0 + (1 - ratio) * x0;
        var variance = sigmaNext * sigmaNext * (1 - ratio);
        Assert.InRange(atNext!.mean().item<double>(), mean - 4 * Math.Sqrt(variance / 40_000), mean + 4 * Math.Sqrt(variance / 40_000));
        Assert.InRange(atNext!.var().item<double>(), variance * 0.97, variance * 1.03);        // SE √(2/n) ≈ 0.7 %
    }

    [Fact]
    public void Ddpm_equals_euler_ancestral_with_eta_one_under_the_same_noise()
    {   // σ_up² = σ'²(σ² − σ'²)/σ² is DDPM's posterior variance and σ_down = σ'²/σ gives its mean.
        using var scope = NewDisposeScope();
        var x = 80.0 * randn([64, 2], ScalarType.Float64, generator: new Generator(3));
        var sigmas = SigmaGrids.Karras(10, 0.002, 80);
        var draws = SamplerTestKit.Draws(9, 64, 2, seed: 12);
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        var ddpm = Sampling.Ddpm(denoiser, x, sigmas, noise: new SamplerTestKit.RecordedNoise(draws).Sampler);
        var ancestral = Sampling.EulerAncestral(denoiser, x, sigmas, noise: new SamplerTestKit.RecordedNoise(draws).Sampler);
        Assert.True(allclose(ddpm, ancestral, rtol: 1e-9, atol: 1e-9));
    }

    [Fact]
    public void Dpmpp_2m_sde_with_eta_zero_equals_dpmpp_2m()
    {   // At η = 0 the midpoint correction ½(1 − e^{−h})/r·(D_i − D_{i−1}) is exactly 2M's (1/2r) extrapolation.
        using var scope = NewDisposeScope();
        var x = 80.0 * randn([64, 2], ScalarType.Float64, generator: new Generator(8));
        var sigmas = SigmaGrids.Karras(15, 0.002, 80);
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        var sde = Sampling.DpmPp2MSde(denoiser, x, sigmas, new SamplerOptions { Eta = 0 });
        Assert.True(allclose(sde, Sampling.DpmPp2M(denoiser, x, sigmas), rtol: 1e-10, atol: 1e-10));
    }
}
