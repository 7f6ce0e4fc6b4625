using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

public sealed class GradientGuidanceTests
{
    public GradientGuidanceTests() => TorchRuntime.Initialize();

    /// <summary>D(x; σ) = x/(1 + σ²): linear, so ∇_x of any cost of D is the x̂₀-gradient divided by 1 + σ².</summary>
    private static Tensor Shrink(Tensor x, Tensor sigma) => x / (1 + sigma.pow(2)).view(-1, 1, 1);

    // A property, not a static field: a field first touched inside a sampler's dispose scope would be disposed with it.
    private static Tensor Goal => tensor(new[] { 1.0, -2.0, 0.5 }, dtype: ScalarType.Float64);

    /// <summary>cost(x̂₀) = ½‖x̂₀ − g‖² per sample, whose gradient is x̂₀ − g.</summary>
    private static Tensor Quadratic(Tensor x0) => 0.5 * (x0 - Goal).pow(2).sum([1, 2]);

    private static (Tensor X, Tensor Sigma) Inputs(params double[] sigmas)
    {
        var g = new TorchSharp.torch.Generator(3);
        return (randn([sigmas.Length, 4, 3], dtype: ScalarType.Float64, generator: g), tensor(sigmas, dtype: ScalarType.Float64));
    }

    [Fact]
    public void One_step_on_a_quadratic_cost_moves_the_estimate_to_the_exact_convex_combination()
    {   // x̂₀' = x̂₀ − λ(x̂₀ − g) = (1 − λ)·x̂₀ + λ·g.
        var (x, sigma) = Inputs(0.3, 1.0);
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, new() { Scale = 0.25 })(x, sigma);
        var x0 = Shrink(x, sigma);
        Assert.True(guided.allclose(0.75 * x0 + 0.25 * Goal, rtol: 0, atol: 1e-12));
        Assert.True((Quadratic(guided) < Quadratic(x0)).all().item<bool>());
    }

    [Fact]
    public void Inner_steps_contract_the_distance_to_the_goal_geometrically()
    {   // k steps: x̂₀ − g ← (1 − λ)^k (x̂₀ − g).
        var (x, sigma) = Inputs(0.5);
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, new() { Scale = 0.5, InnerSteps = 3 })(x, sigma);
        Assert.True((guided - Goal).allclose(0.125 * (Shrink(x, sigma) - Goal), rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Maximizing_a_value_equals_minimizing_its_negative()
    {
        var (x, sigma) = Inputs(0.7, 0.2);
        var options = new GradientGuidanceOptions { Scale = 0.1 };
        var up = GradientGuidance.MaximizeValue(Shrink, x0 => -Quadratic(x0), options)(x, sigma);
        var down = GradientGuidance.MinimizeCost(Shrink, Quadratic, options)(x, sigma);
        Assert.True(up.allclose(down, rtol: 0, atol: 1e-14));
    }

    [Fact]
    public void Samples_above_sigma_max_are_left_alone_and_the_rest_use_scale_times_sigma_power()
    {   // σ = [0.5, 3]: with σ_max = 1 only the first sample moves, by λσ² = 0.2·0.25 = 0.05 of (x̂₀ − g).
        var (x, sigma) = Inputs(0.5, 3.0);
        var options = new GradientGuidanceOptions { Scale = 0.2, SigmaPower = 2, SigmaMax = 1.0 };
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, options)(x, sigma);
        var x0 = Shrink(x, sigma);
        Assert.True(guided[0].allclose(0.95 * x0[0] + 0.05 * Goal, rtol: 0, atol: 1e-12));
        Assert.True(Exact.Same(guided[1], x0[1]));
    }

    [Fact]
    public void Gradient_norm_clipping_caps_the_step_length()
    {   // ‖∇‖ = ‖x̂₀ − g‖ ≫ 0.1, so the step is λ·0.1 along the unit gradient: the estimate moves exactly 0.1·λ.
        var (x, sigma) = Inputs(0.1);
        var options = new GradientGuidanceOptions { Scale = 2.0, MaxGradNorm = 0.1 };
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, options)(x * 10, sigma);
        var x0 = Shrink(x * 10, sigma);
        var step = (x0 - guided).flatten();
        Assert.Equal(0.2, step.norm().item<double>(), 12);
        var direction = (x0 - Goal).flatten();
        Assert.True((step / step.norm()).allclose(direction / direction.norm(), rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Gradient_value_clipping_clamps_each_entry()
    {
        var (x, sigma) = Inputs(0.1);
        var options = new GradientGuidanceOptions { Scale = 1.0, MaxGradValue = 0.01 };
        var x0 = Shrink(x * 10, sigma);
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, options)(x * 10, sigma);
        Assert.True((x0 - guided).allclose((x0 - Goal).clamp(-0.01, 0.01), rtol: 0, atol: 1e-15));
    }

    [Fact]
    public void Input_gradient_flows_through_the_denoiser_jacobian()
    {   // For D = x/(1 + σ²): ∇_x cost(D(x)) = (D − g)/(1 + σ²).
        var (x, sigma) = Inputs(1.0, 2.0);
        var options = new GradientGuidanceOptions { Scale = 0.3, Target = GuidanceGradientTarget.Input };
        Tensor guided;
        using (no_grad()) guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, options)(x, sigma);   // as samplers call it
        var x0 = Shrink(x, sigma);
        var expected = x0 - 0.3 * (x0 - Goal) / (1 + sigma.pow(2)).view(-1, 1, 1);
        Assert.True(guided.allclose(expected, rtol: 0, atol: 1e-12));
        Assert.False(guided.requires_grad);
    }

    [Fact]
    public void Last_steps_threshold_guides_exactly_the_last_calls_of_a_sampler()
    {
        double[] sigmas = [4, 2, 1, 0.5, 0];
        var threshold = GradientGuidanceOptions.SigmaMaxForLastSteps(sigmas, 2);
        Assert.Equal(1.0, threshold);
        var guidedSigmas = new List<double>();
        var guided = GradientGuidance.MinimizeCost(Shrink, Quadratic, new() { Scale = 0.1, SigmaMax = threshold });
        Denoiser recording = (x, s) =>
        {
            var plain = Shrink(x, s);
            var result = guided(x, s);
            if (!Exact.Same(result, plain)) guidedSigmas.Add(s[0].item<double>());
            return result;
        };
        var (x, _) = Inputs(1.0);
        TestEuler.Sample(recording, x, sigmas);
        Assert.Equal([1.0, 0.5], guidedSigmas);
    }

    [Fact]
    public void A_cost_with_the_wrong_shape_is_rejected()
    {
        var (x, sigma) = Inputs(0.5, 0.5);
        var guided = GradientGuidance.MinimizeCost(Shrink, x0 => x0.pow(2).sum(2), new());   // [B, H] instead of [B]
        var e = Assert.Throws<InvalidOperationException>(() => guided(x, sigma));
        Assert.Contains("one value per sample", e.Message);
    }

    [Fact]
    public void Input_target_with_several_inner_steps_is_rejected_at_construction()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientGuidance.MinimizeCost(Shrink, Quadratic,
            new() { Target = GuidanceGradientTarget.Input, InnerSteps = 2 }));
        Assert.Equal("InnerSteps", e.ParamName);
    }

    [Fact]
    public void A_cost_given_by_its_gradient_takes_the_geometric_contraction_steps()
    {   // ∇ cost = x̂₀ − g (the quadratic's gradient by hand): 3 steps of λ = 0.5 leave (1 − λ)³ of x̂₀ − g, no autograd involved.
        var (x, sigma) = Inputs(0.5, 2.0);
        var guided = GradientGuidance.FollowGradient(Shrink, x0 => x0 - Goal, new() { Scale = 0.5, InnerSteps = 3 })(x, sigma);
        Assert.True((guided - Goal).allclose(0.125 * (Shrink(x, sigma) - Goal), rtol: 0, atol: 1e-12));
        Assert.False(guided.requires_grad);
    }

    [Fact]
    public void A_gradient_of_the_wrong_shape_or_an_input_target_is_rejected()
    {
        var (x, sigma) = Inputs(0.5);
        var wrong = GradientGuidance.FollowGradient(Shrink, x0 => x0.sum(2), new());
        Assert.Contains("gradient has shape [1, 4]", Assert.Throws<InvalidOperationException>(() => wrong(x, sigma)).Message);
        Assert.Throws<ArgumentException>(() => GradientGuidance.FollowGradient(Shrink, x0 => x0, new() { Target = GuidanceGradientTarget.Input }));
    }
}
