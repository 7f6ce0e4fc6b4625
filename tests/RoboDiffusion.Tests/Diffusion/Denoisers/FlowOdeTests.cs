using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Runtime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Denoisers;

public sealed class FlowOdeTests
{
    // Data N(m, s²), x_t = (1 − t)·x₀ + t·ε. The marginal-preserving flow is x_t = (1 − t)·m + √((1 − t)²s² + t²)·z,
    // so x₁ = z ends at x₀ = m + s·z, and v(x, t) = −m + (t − (1 − t)s²)/((1 − t)²s² + t²)·(x − (1 − t)·m).
    private const double M = 2.0, S = 0.3;

    private readonly ITestOutputHelper _output;

    public FlowOdeTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        _output = output;
    }

    private static Tensor ExactVelocity(Tensor x, Tensor t)
    {
        var tc = t.view(-1, 1);
        var variance = (1 - tc).square() * S * S + tc.square();
        return -M + (tc - (1 - tc) * S * S) / variance * (x - (1 - tc) * M);
    }

    private static double EndpointError(FlowSolver solver, int steps)
    {
        using var scope = NewDisposeScope();
        var z = tensor(new[] { -1.5, 0.0, 0.7, 2.0 }).view(-1, 1);
        var x0 = FlowOde.Solve(solver, ExactVelocity, z, FlowTimeGrids.Uniform(steps));
        return (x0 - (M + S * z)).abs().max().item<double>();
    }

    [Fact]
    public void Euler_and_heun_reach_the_exact_gaussian_endpoint_with_orders_one_and_two()
    {
        double e1 = EndpointError(FlowSolver.Euler, 20), e2 = EndpointError(FlowSolver.Euler, 40);
        double h1 = EndpointError(FlowSolver.Heun, 20), h2 = EndpointError(FlowSolver.Heun, 40);
        _output.WriteLine($"Euler 20/40 steps: {e1:E3} / {e2:E3} (ratio {e1 / e2:F3}); Heun: {h1:E3} / {h2:E3} (ratio {h1 / h2:F3})");
        Assert.InRange(e1 / e2, 1.8, 2.2);                   // first order: halving h halves the error
        Assert.InRange(h1 / h2, 3.3, 4.5);                   // second order: quarters it (3.74 measured at 20/40)
        Assert.True(h2 < e2 / 10, $"Heun {h2} vs Euler {e2}");
        Assert.True(EndpointError(FlowSolver.Heun, 200) < 1e-4);
    }

    [Fact]
    public void A_velocity_network_through_the_parameterization_samples_the_data_mean_and_spread()
    {   // Network time input is 1000·t; sampling 4096 seeded draws lands on N(2, 0.3²).
        using var scope = NewDisposeScope();
        NetworkFn net = (x, level, _) => ExactVelocity(x, level / 1000);
        var field = new FlowMatchingParameterization(1000).Velocity(net, null);
        var samples = FlowOde.Sample(field, [4096, 1], new Generator(11), FlowTimeGrids.Uniform(50), FlowSolver.Heun, ScalarType.Float64);
        Assert.InRange(samples.mean().item<double>(), M - 0.02, M + 0.02);
        Assert.InRange(samples.std().item<double>(), S * 0.95, S * 1.05);
    }

    [Fact]
    public void One_euler_step_in_flow_time_equals_one_sigma_space_euler_step_on_the_rescaled_sample()
    {   // x = x_t·(1 + σ), σ = t/(1 − t); Karras et al. (2022) Alg. 1 Euler step x' = x + (σ' − σ)·(x − D)/σ, then back to x_t'.
        using var scope = NewDisposeScope();
        NetworkFn net = (x, t, _) => ExactVelocity(x, t);
        var p = new FlowMatchingParameterization();
        var xt = tensor(new[] { -1.0, 0.3, 2.5 }).view(-1, 1);
        double t = 0.8, tNext = 0.55, sigma = t / (1 - t), sigmaNext = tNext / (1 - tNext);
        var tSpace = FlowOde.Euler(p.Velocity(net, null), xt, [t, tNext]);
        var x = xt * (1 + sigma);
        var d = (x - p.Denoiser(net)(x, full([3], sigma, dtype: ScalarType.Float64), null)) / sigma;
        var sigmaSpace = (x + (sigmaNext - sigma) * d) / (1 + sigmaNext);
        Assert.True(sigmaSpace.allclose(tSpace, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Sampling_is_deterministic_per_seed_and_reports_every_step()
    {
        using var scope = NewDisposeScope();
        var calls = 0;
        VelocityField counting = (x, t) => { calls++; return ExactVelocity(x, t); };
        var steps = new List<FlowStep>();
        var a = FlowOde.Sample(counting, [8, 1], new Generator(5), FlowTimeGrids.Uniform(6), FlowSolver.Heun, onStep: steps.Add);
        var b = FlowOde.Sample(ExactVelocity, [8, 1], new Generator(5), FlowTimeGrids.Uniform(6), FlowSolver.Heun);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.Equal(12, calls);                                                 // two evaluations per Heun step
        Assert.Equal(6, steps.Count);
        for (var i = 0; i < 6; i++) Assert.Equal(1 - i / 6.0, steps[i].T, 12);
        Assert.Equal(0.0, steps[^1].TNext);
    }

    [Fact]
    public void Shifted_grids_keep_the_ends_and_spend_more_steps_at_high_noise()
    {   // t' = s·t/(1 + (s − 1)·t): s = 3 maps t = ½ to ¾.
        Assert.Equal(FlowTimeGrids.Uniform(4), FlowTimeGrids.Shifted(4, 1));
        var shifted = FlowTimeGrids.Shifted(2, 3);
        Assert.Equal([1.0, 0.75, 0.0], shifted);
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowTimeGrids.Shifted(4, 0));
    }

    [Fact]
    public void Bad_time_grids_are_rejected()
    {
        using var scope = NewDisposeScope();
        var x = zeros(2, 1);
        Assert.Throws<ArgumentException>(() => FlowOde.Euler(ExactVelocity, x, [1.0]));
        Assert.Throws<ArgumentException>(() => FlowOde.Euler(ExactVelocity, x, [0.0, 1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowOde.Heun(ExactVelocity, x, [1.5, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowTimeGrids.Uniform(0));
    }
}
