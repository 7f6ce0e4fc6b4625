using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

public sealed class NoiseAndChurnTests
{
    public NoiseAndChurnTests() => TorchRuntime.Initialize();

    public static TheoryData<SamplerKind> Stochastic => [SamplerKind.EulerAncestral, SamplerKind.DpmPp2SAncestral,
        SamplerKind.DpmPp2MSde, SamplerKind.DpmPp3MSde, SamplerKind.Ddpm];

    [Theory]
    [MemberData(nameof(Stochastic))]
    public void The_same_seed_gives_the_same_numbers_and_another_seed_does_not(SamplerKind kind)
    {
        using var scope = NewDisposeScope();
        var x = 80.0 * randn([32, 2], ScalarType.Float64, generator: new Generator(1));
        var sigmas = SigmaGrids.Karras(8, 0.002, 80);
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        Tensor Run(long seed) => SamplerRegistry.Sample(kind, denoiser, x, sigmas, new SamplerOptions { Seed = seed });
        Assert.True(Run(5).equal(Run(5)).all().item<bool>());
        Assert.False(allclose(Run(5), Run(6)));
    }

    [Theory]
    [MemberData(nameof(Stochastic))]
    public void Every_stochastic_draw_goes_through_the_noise_sampler(SamplerKind kind)
    {   // With zero noise and η = 1 the sampler must not depend on the seed: no hidden RNG.
        using var scope = NewDisposeScope();
        var x = 80.0 * randn([16, 2], ScalarType.Float64, generator: new Generator(2));
        var sigmas = SigmaGrids.Karras(6, 0.002, 80);
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        var zero = new SamplerTestKit.RecordedNoise([.. Enumerable.Range(0, 20).Select(_ => zeros_like(x))]);
        var a = SamplerRegistry.Sample(kind, denoiser, x, sigmas, new SamplerOptions { Seed = 1 }, zero.Sampler);
        var b = SamplerRegistry.Sample(kind, denoiser, x, sigmas, new SamplerOptions { Seed = 2 }, zero.Sampler);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.NotEmpty(zero.Calls);
        Assert.All(zero.Calls, c => Assert.True(c.Sigma > c.SigmaNext && c.SigmaNext > 0));
    }

    [Fact]
    public void Heun_churn_raises_sigma_by_gamma_inside_the_window_only()
    {   // Karras et al. (2022) Alg. 2: γ = min(S_churn/N, √2 − 1) for σ in [S_tmin, S_tmax], σ̂ = (1 + γ)σ.
        using var scope = NewDisposeScope();
        var sigmas = SigmaGrids.Karras(10, 0.002, 80);
        var options = new SamplerOptions { SChurn = 2.0, STmin = 0.05, STmax = 10, SNoise = 1.003 };
        var hats = new List<(double Sigma, double SigmaHat)>();
        var noise = new SamplerTestKit.RecordedNoise(SamplerTestKit.Draws(10, 8, 2, seed: 3));
        Sampling.Heun(GaussianMixture.Gmm8().AsDenoiser(), 80.0 * ones(8, 2, dtype: ScalarType.Float64), sigmas, options,
            noise.Sampler, s => hats.Add((s.Sigma, s.SigmaHat)));
        const double gamma = 2.0 / 10;                                                        // < √2 − 1
        var inside = hats.Where(h => h.Sigma >= 0.05 && h.Sigma <= 10).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, h => Assert.Equal(h.Sigma * (1 + gamma), h.SigmaHat, 12));
        Assert.All(hats.Except(inside), h => Assert.Equal(h.Sigma, h.SigmaHat));
        Assert.Equal(inside.Count, noise.Calls.Count);
    }

    [Fact]
    public void Churn_adds_noise_of_variance_sigma_hat_squared_minus_sigma_squared()
    {   // Alg. 2 line 5: x̂ = x + S_noise·√(σ̂² − σ²)·ε; with S_churn = 10 over 2 steps γ is capped at √2 − 1.
        using var scope = NewDisposeScope();
        var eps = SamplerTestKit.Draws(2, 4, 1, seed: 6);
        var x = full(4, 1, 2.0, ScalarType.Float64);
        var noise = new SamplerTestKit.RecordedNoise(eps);
        var seen = new List<Tensor>();
        Sampling.Euler((t, _) => zeros_like(t), x, [4.0, 1.0, 0.0], new SamplerOptions { SChurn = 10, SNoise = 1.5 }, noise.Sampler,
            s => seen.Add(s.X.clone().DetachFromDisposeScope()));
        var sigmaHat = 4.0 * Math.Sqrt(2);
        Assert.True(allclose(seen[0], x + 1.5 * Math.Sqrt(sigmaHat * sigmaHat - 16) * eps[0], rtol: 1e-12, atol: 1e-12));
        Assert.Equal(2, noise.Calls.Count);                                                   // σ̂ = (1 + γ)σ at both steps
        Assert.Equal(sigmaHat, noise.Calls[0].SigmaNext, 12);
        Assert.Equal(Math.Sqrt(2), noise.Calls[1].SigmaNext, 12);
    }
}
