using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>
/// 1-D Gaussian data N(m, s²): D(x; σ) = m + s²/(s² + σ²)(x − m), so the probability-flow ODE dx/dσ = (x − D)/σ =
/// (x − m)·σ/(s² + σ²) has the solution x(σ) − m ∝ √(s² + σ²) and x(0) = m + (x_max − m)·s/√(s² + σ_max²).
/// </summary>
public sealed class GaussianDataTests
{
    private const double M = 3.0, S = 0.5, SigmaMax = 80.0;

    public GaussianDataTests() => TorchRuntime.Initialize();

    private static Tensor Start(int n) => SigmaMax * randn([n, 1], ScalarType.Float64, generator: new Generator(5));

    private static Tensor ExactOdeEnd(Tensor xMax) => M + (xMax - M) * (S / Math.Sqrt(S * S + SigmaMax * SigmaMax));

    [Fact]
    public void Euler_converges_to_the_exact_probability_flow_solution_at_first_order()
    {
        using var scope = NewDisposeScope();
        var x = Start(64);
        int[] steps = [25, 50, 100, 200];
        var errors = steps.Select(n => SamplerTestKit.Rms(
            Sampling.Euler(SamplerTestKit.Gaussian(M, S), x, SigmaGrids.Karras(n, 0.002, SigmaMax)), ExactOdeEnd(x))).ToArray();
        Assert.InRange(SamplerTestKit.Order(steps, errors), 0.85, 1.2);
        Assert.True(errors[^1] < 0.02 * S, $"Euler at 200 steps is {errors[^1]:E2} from the exact solution.");
    }

    [Theory]
    [InlineData(SamplerKind.Heun)]
    [InlineData(SamplerKind.Dpm2)]
    [InlineData(SamplerKind.Lms)]
    [InlineData(SamplerKind.DpmPp2M)]
    [InlineData(SamplerKind.UniPc)]
    public void Higher_order_samplers_land_on_the_exact_solution_in_128_steps(SamplerKind kind)
    {
        using var scope = NewDisposeScope();
        var x = Start(64);
        var end = SamplerRegistry.Sample(kind, SamplerTestKit.Gaussian(M, S), x, SigmaGrids.Karras(128, 0.002, SigmaMax));
        var error = SamplerTestKit.Rms(end, ExactOdeEnd(x));
        Assert.True(error < 2e-3 * S, $"{kind}: {error:E2} from the exact probability-flow solution.");
    }

    [Theory]
    [InlineData(SamplerKind.EulerAncestral, 200)]
    [InlineData(SamplerKind.Ddpm, 200)]
    [InlineData(SamplerKind.DpmPp2SAncestral, 50)]
    [InlineData(SamplerKind.DpmPp2MSde, 100)]
    [InlineData(SamplerKind.DpmPp3MSde, 100)]
    public void Stochastic_samplers_reproduce_the_gaussian_mean_and_variance(SamplerKind kind, int steps)
    {   // 20 000 samples: SE of the mean 0.5/√20000 ≈ 0.0035, of the std ≈ 0.0025.
        using var scope = NewDisposeScope();
        var x = SamplerRegistry.Sample(kind, SamplerTestKit.Gaussian(M, S), Start(20_000), SigmaGrids.Karras(steps, 0.002, SigmaMax),
            new SamplerOptions { Seed = 3 });
        Assert.InRange(x.mean().item<double>(), M - 0.02, M + 0.02);
        Assert.InRange(x.std().item<double>(), S - 0.02, S + 0.02);
    }
}
