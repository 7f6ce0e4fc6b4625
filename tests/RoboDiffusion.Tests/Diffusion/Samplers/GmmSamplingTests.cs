using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>
/// Every sampler, driven by the exact GMM8 denoiser from σ_max = 80 (Karras grid, σ_min = 0.002), must reproduce the
/// mixture: 10 000 samples, each assigned to its nearest mean. Sampling noise per component (≈1250 samples):
/// weight SE √(⅛·⅞/10⁴) ≈ 0.0033, mean SE 0.5/√1250 ≈ 0.014 per coordinate, std SE ≈ 0.5/√2500 = 0.01.
/// </summary>
public sealed class GmmSamplingTests
{
    private const int Samples = 10_000;

    public GmmSamplingTests() => TorchRuntime.Initialize();

    /// <summary>Steps per sampler: enough for a discretisation bias below the tolerances (first-order methods need more).</summary>
    public static TheoryData<SamplerKind, int> Cases => new()
    {
        { SamplerKind.Euler, 150 }, { SamplerKind.EulerAncestral, 100 }, { SamplerKind.Heun, 25 }, { SamplerKind.Dpm2, 25 },
        { SamplerKind.Lms, 40 }, { SamplerKind.DpmPp2SAncestral, 50 }, { SamplerKind.DpmPp2M, 40 }, { SamplerKind.DpmPp2MSde, 80 },
        { SamplerKind.DpmPp3MSde, 80 }, { SamplerKind.Ddpm, 100 }, { SamplerKind.Ddim, 150 }, { SamplerKind.UniPc, 40 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sampler_with_the_exact_denoiser_reproduces_the_eight_gaussians(SamplerKind kind, int steps)
    {
        using var scope = NewDisposeScope();
        var gmm = GaussianMixture.Gmm8();
        var z = randn([Samples, 2], ScalarType.Float64, generator: new Generator(2024));
        var x = SamplerRegistry.Sample(kind, gmm.AsDenoiser(), 80.0 * z, SigmaGrids.Karras(steps, 0.002, 80),
            new SamplerOptions { Seed = 7 });

        var means = tensor(gmm.Means, ScalarType.Float64);                                    // [8, 2]
        var nearest = cdist(x, means).argmin(1);                                              // [N]
        for (var k = 0; k < 8; k++)
        {
            var members = x[nearest == k];                                                    // [N_k, 2]
            var weight = members.shape[0] / (double)Samples;
            Assert.InRange(weight, 0.125 - 0.02, 0.125 + 0.02);                               // 6 SE
            var meanError = (members.mean([0L]) - means[k]).norm().item<double>();
            Assert.True(meanError < 0.08, $"{kind}: component {k} mean is off by {meanError:F3} (tolerance 0.08).");
            var std = members.std(0L).mean().item<double>();
            // 0.04 = 2 SE of sampling noise plus ≤ 0.02 bias of first-order ancestral steps at 100 steps.
            Assert.True(Math.Abs(std - 0.5) < 0.04, $"{kind}: component {k} std {std:F3}, expected 0.5 ± 0.04.");
        }
    }
}
