using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using RoboDiffusion.Toy;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>
/// Global error of the deterministic samplers on GMM8 (float64, same initial noise) against a 2000-step Heun
/// reference, over 16, 32, 64 and 128 Karras steps. The slope of log error against log steps is the order:
/// 1 for Euler, 2 for Heun / DPM-Solver-2 / DPM-Solver++(2M), 3 for UniPC-2 (UniC raises UniP-2 by one,
/// Zhao et al. 2023, Thm. 3.3) and up to 4 for LMS-4.
/// </summary>
public sealed class ConvergenceOrderTests(ITestOutputHelper output)
{
    private static readonly int[] Steps = [16, 32, 64, 128];
    private static readonly Lazy<(Tensor Z, Tensor Reference)> Reference = new(BuildReference);

    [Theory]
    [InlineData(SamplerKind.Euler, 0.85, 1.3)]
    [InlineData(SamplerKind.Ddim, 0.85, 1.3)]
    [InlineData(SamplerKind.Heun, 1.8, 2.6)]
    [InlineData(SamplerKind.Dpm2, 1.8, 2.6)]
    [InlineData(SamplerKind.DpmPp2M, 1.8, 2.6)]
    [InlineData(SamplerKind.UniPc, 2.4, 3.5)]
    [InlineData(SamplerKind.Lms, 2.4, 4.5)]
    public void Error_falls_at_the_methods_order_when_steps_double(SamplerKind kind, double lowest, double highest)
    {
        using var scope = NewDisposeScope();
        var (z, reference) = Reference.Value;
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        var errors = Steps.Select(n => SamplerTestKit.Rms(
            SamplerRegistry.Sample(kind, denoiser, 80.0 * z, SigmaGrids.Karras(n, 0.002, 80)), reference)).ToArray();
        var order = SamplerTestKit.Order(Steps, errors);
        output.WriteLine($"{SamplerRegistry.Name(kind)}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}; order {order:F2}");
        Assert.InRange(order, lowest, highest);
    }

    [Theory]
    [InlineData(SolverType.Midpoint)]
    [InlineData(SolverType.Heun)]
    public void Dpmpp_2m_sde_at_eta_zero_is_second_order_with_either_correction(SolverType solver)
    {
        using var scope = NewDisposeScope();
        var (z, reference) = Reference.Value;
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        var options = new SamplerOptions { Eta = 0, SolverType = solver };
        var errors = Steps.Select(n => SamplerTestKit.Rms(
            Sampling.DpmPp2MSde(denoiser, 80.0 * z, SigmaGrids.Karras(n, 0.002, 80), options), reference)).ToArray();
        var order = SamplerTestKit.Order(Steps, errors);
        output.WriteLine($"dpmpp_2m_sde η=0 {solver}: errors {string.Join(", ", errors.Select(e => e.ToString("E2")))}; order {order:F2}");
        Assert.InRange(order, 1.8, 2.6);
    }

    [Fact]
    public void Unipc_of_order_three_is_far_more_accurate_than_order_two_at_64_steps()
    {   // UniP-3 + UniC-3 has order 4 against order 3 (Zhao et al. 2023): at 64 steps the error drops roughly tenfold.
        using var scope = NewDisposeScope();
        var (z, reference) = Reference.Value;
        var denoiser = GaussianMixture.Gmm8().AsDenoiser();
        double Error(int order) => SamplerTestKit.Rms(Sampling.UniPc(denoiser, 80.0 * z, SigmaGrids.Karras(64, 0.002, 80),
            new SamplerOptions { Order = order }), reference);
        var (second, third) = (Error(2), Error(3));
        output.WriteLine($"unipc at 64 steps: order 2 error {second:E2}, order 3 error {third:E2}");
        Assert.True(third < second / 3, $"order 3 error {third:E2} vs order 2 error {second:E2}");
    }

    private static (Tensor, Tensor) BuildReference()
    {
        TorchRuntime.Initialize();
        var z = randn([128, 2], ScalarType.Float64, generator: new Generator(11)).DetachFromDisposeScope();
        var reference = Sampling.Heun(GaussianMixture.Gmm8().AsDenoiser(), 80.0 * z, SigmaGrids.Karras(2000, 0.002, 80));
        return (z, reference.DetachFromDisposeScope());
    }
}
