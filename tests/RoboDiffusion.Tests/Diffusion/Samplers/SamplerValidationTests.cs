using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

public sealed class SamplerValidationTests
{
    public SamplerValidationTests() => TorchRuntime.Initialize();

    public static TheoryData<SamplerKind> AllKinds => [.. SamplerRegistry.Kinds];

    private static readonly Denoiser Identity = SamplerTestKit.Gaussian(0, 1);

    [Fact]
    public void Unknown_sampler_name_lists_every_valid_name()
    {
        var e = Assert.Throws<ArgumentException>(() => SamplerRegistry.Parse("eulr"));
        Assert.Contains("eulr", e.Message);
        foreach (var name in new[] { "euler", "euler_ancestral", "heun", "dpm_2", "lms", "dpmpp_2s_ancestral", "dpmpp_2m",
                     "dpmpp_2m_sde", "dpmpp_3m_sde", "ddpm", "ddim", "unipc" })
            Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Names_round_trip_and_every_sampler_has_a_distinct_name_and_description()
    {
        Assert.Equal(12, SamplerRegistry.Kinds.Count);
        foreach (var kind in SamplerRegistry.Kinds)
        {
            Assert.Equal(kind, SamplerRegistry.Parse(SamplerRegistry.Name(kind)));
            Assert.False(string.IsNullOrWhiteSpace(SamplerRegistry.Description(kind)));
        }
        Assert.Equal(SamplerRegistry.Kinds.Count, SamplerRegistry.Kinds.Select(SamplerRegistry.Name).Distinct().Count());
        Assert.Equal(SamplerKind.DpmPp2M, SamplerRegistry.Parse(" DPMPP-2M "));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Sigmas_that_do_not_end_at_zero_are_rejected(SamplerKind kind)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            SamplerRegistry.Sample(kind, Identity, zeros(4, 1, dtype: ScalarType.Float64), [10.0, 1.0, 0.1]));
        Assert.Contains("end with 0", e.Message);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Sigmas_that_do_not_strictly_decrease_are_rejected(SamplerKind kind)
    {
        var x = zeros(4, 1, dtype: ScalarType.Float64);
        var e = Assert.Throws<ArgumentException>(() => SamplerRegistry.Sample(kind, Identity, x, [10.0, 10.0, 0.0]));
        Assert.Contains("strictly decreasing", e.Message);
        Assert.Throws<ArgumentException>(() => SamplerRegistry.Sample(kind, Identity, x, [1.0, 2.0, 0.0]));
        Assert.Throws<ArgumentException>(() => SamplerRegistry.Sample(kind, Identity, x, [double.NaN, 1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => SamplerRegistry.Sample(kind, Identity, x, [0.0]));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void A_denoiser_that_returns_nan_at_step_three_is_reported_with_that_step(SamplerKind kind)
    {
        var sigmas = new[] { 8.0, 4.0, 2.0, 1.0, 0.5, 0.0 };
        Denoiser poisoned = (x, sigma) =>
            sigma[0].item<double>() <= sigmas[3] ? full_like(x, double.NaN) : zeros_like(x);
        var e = Assert.Throws<InvalidOperationException>(() =>
            SamplerRegistry.Sample(kind, poisoned, ones(3, 2, dtype: ScalarType.Float64), sigmas));
        // heun probes σ₃ = 1 inside step 2, dpmpp_2s_ancestral its midpoint √(2·σ_down) = 1; the rest first see σ ≤ 1 at step 3.
        var expectedStep = kind is SamplerKind.Heun or SamplerKind.DpmPp2SAncestral ? 2 : 3;
        Assert.Contains($"step {expectedStep}", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void A_denoiser_with_the_wrong_output_shape_is_reported()
    {
        Denoiser wrong = (x, _) => zeros(x.shape[0], 3, dtype: x.dtype);
        var e = Assert.Throws<InvalidOperationException>(() =>
            Sampling.Euler(wrong, ones(2, 2, dtype: ScalarType.Float64), [1.0, 0.0]));
        Assert.Contains("step 0", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void Bad_options_are_rejected_by_name()
    {
        var x = ones(2, 1, dtype: ScalarType.Float64);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.EulerAncestral(Identity, x, [1.0, 0.0], new SamplerOptions { Eta = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.Lms(Identity, x, [1.0, 0.0], new SamplerOptions { Order = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampling.UniPc(Identity, x, [1.0, 0.0], new SamplerOptions { Order = 4 }));
        Assert.Throws<ArgumentException>(() => Sampling.Euler(Identity, x, [1.0, 0.0], new SamplerOptions { STmin = 2, STmax = 1 }));
    }
}
