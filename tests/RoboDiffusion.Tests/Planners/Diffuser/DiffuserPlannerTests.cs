using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Diffuser;

public sealed class DiffuserPlannerTests
{
    private static readonly double[] Starts = [3.0, 1.0, 0.5, -0.2, 1.1, 2.9, 0.0, 0.0];   // two starts (x, y, vx, vy)
    private static readonly double[] Goals = [1.0, 1.0, 3.0, 3.0];                          // two goal positions

    [Theory]
    [InlineData(SamplerKind.Ddpm, 10)]
    [InlineData(SamplerKind.DpmPp2M, 5)]
    public void Inpainting_keeps_the_start_and_goal_exact_in_the_plan(SamplerKind sampler, int steps)
    {
        using var planner = TinyPlanner.Create();
        using var g = new Generator(7);
        using var plan = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, new PolicyInference { Sampler = sampler, Steps = steps });
        Assert.Equal([2L, 64, 6], plan.shape);
        var first = plan[.., 0, 2..].to(ScalarType.Float64).data<double>().ToArray();
        var last = plan[.., -1, 2..].to(ScalarType.Float64).data<double>().ToArray();
        for (var i = 0; i < 8; i++) Assert.Equal(Starts[i], first[i], 1e-5);                // float32 normalize/unnormalize
        double[] goalObs = [1, 1, 0, 0, 3, 3, 0, 0];                                         // velocities 0, as plan_maze2d.py
        for (var i = 0; i < 8; i++) Assert.Equal(goalObs[i], last[i], 1e-5);
    }

    [Fact]
    public void A_shorter_plan_has_the_start_and_goal_exact_at_its_own_ends()
    {   // Replanning toward a kept arrival: the trained H = 64, a plan of 16 steps.
        using var planner = TinyPlanner.Create();
        using var g = new Generator(9);
        using var plan = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, horizon: 16);
        Assert.Equal([2L, 16, 6], plan.shape);
        var first = plan[.., 0, 2..].to(ScalarType.Float64).data<double>().ToArray();
        var last = plan[.., 15, 2..].to(ScalarType.Float64).data<double>().ToArray();
        double[] goalObs = [1, 1, 0, 0, 3, 3, 0, 0];
        for (var i = 0; i < 8; i++) Assert.Equal(Starts[i], first[i], 1e-5);
        for (var i = 0; i < 8; i++) Assert.Equal(goalObs[i], last[i], 1e-5);
    }

    [Fact]
    public void A_plan_length_the_unet_cannot_take_or_longer_than_trained_is_rejected()
    {
        using var planner = TinyPlanner.Create();
        using var g = new Generator(1);
        Tensor PlanOf(int h) => planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, horizon: h);
        Assert.Contains("Horizon 17 must be a positive multiple of 2", Assert.Throws<ArgumentException>(() => PlanOf(17)).Message);
        Assert.Contains("longer than the trained horizon 64", Assert.Throws<ArgumentException>(() => PlanOf(68)).Message);
        var guidance = new PlanGuidance(x => x.mean([1, 2]), new GradientGuidanceOptions { Scale = 1 });
        var e = Assert.Throws<ArgumentException>(() => planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, guidance: guidance, horizon: 32));
        Assert.Contains("Value guidance scores plans of the trained horizon 64, not 32", e.Message);
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_plan()
    {
        using var planner = TinyPlanner.Create();
        using var g1 = new Generator(3);
        using var g2 = new Generator(3);
        using var a = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g1);
        using var b = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g2);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }

    [Fact]
    public void S_noise_reaches_the_sampler()
    {   // The samplers' handling of s_noise is checked against k-diffusion (KDiffusionGoldenTests); here, that the planner passes it on.
        using var planner = TinyPlanner.Create();
        float[] PlanAt(double? sNoise)
        {
            using var g = new Generator(5);
            var run = new PolicyInference { Sampler = SamplerKind.Ddpm, Steps = 10 };
            using var plan = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, sNoise is { } s ? run with { SNoise = s } : run);
            return plan.data<float>().ToArray();
        }
        Assert.Equal(PlanAt(null), PlanAt(1.0));
        Assert.NotEqual(PlanAt(1.0), PlanAt(0.5));
        Assert.Equal(0.5, new PolicyInference { SNoise = 0.5 }.Options(null).SNoise);
        var e = Assert.Throws<ArgumentException>(() => new PolicyInference { SNoise = -0.5 }.Validated());
        Assert.Contains("s_noise must be a finite number ≥ 0, got -0.5", e.Message);
    }

    [Fact]
    public void Value_guidance_moves_the_plan_up_the_value_gradient()
    {   // V(τ) = mean normalized x over the trajectory has gradient +1/H on every x entry: a step of 8/H = 0.125 per call must move guided plans +x.
        using var planner = TinyPlanner.Create();
        var xChannel = planner.Config.ActionDim;
        Func<Tensor, Tensor> value = x => x[.., .., xChannel].mean([1]);
        var guidance = new PlanGuidance(value, new GradientGuidanceOptions { Scale = 8.0 });
        using var g1 = new Generator(11);
        using var g2 = new Generator(11);
        using var plain = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g1);
        using var guided = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g2, guidance: guidance);
        var inner = TensorIndex.Slice(1, -1);
        var gain = (guided[.., inner, xChannel] - plain[.., inner, xChannel]).mean().item<float>();
        Assert.True(gain > 0.1, $"mean x gain {gain}");
        Assert.True(guided[.., 0, 2..].allclose(plain[.., 0, 2..], 1e-5, 1e-5));             // the constraint still holds
        Assert.True(guided[.., -1, 2..].allclose(plain[.., -1, 2..], 1e-5, 1e-5));
    }

    [Fact]
    public void A_learned_value_function_guides_a_plan()
    {
        using var planner = TinyPlanner.Create();
        using var valueNet = new ValueFunction(planner.Config);
        using (enable_grad())
        {
            using var leafGenerator = new Generator(4);
            using var leaf = rand([2, 64, 6], generator: leafGenerator).requires_grad_(true);
            using var leafValue = valueNet.AsValue()(leaf);
            Assert.True(leafValue.isfinite().all().item<bool>(), "value not finite");
            using var grad = autograd.grad([leafValue.sum()], [leaf])[0];
            using var unetOut = planner.Model.forward(leaf, zeros(2), null);
            using var unetGrad = autograd.grad([unetOut.sum()], [leaf])[0];
            Assert.True(grad.isfinite().all().item<bool>(),
                $"value gradient not finite (U-Net gradient on the same input finite: {unetGrad.isfinite().all().item<bool>()})");
        }
        using var g = new Generator(2);
        var guidance = new PlanGuidance(valueNet.AsValue(), new GradientGuidanceOptions { Scale = 0.1, MaxGradNorm = 1.0 });
        using var plan = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, guidance: guidance);
        Assert.False(plan.isnan().any().item<bool>());
        using var v = valueNet.forward(planner.Normalize(plan), zeros(2));
        Assert.Equal([2L, 1], v.shape);
    }

    [Fact]
    public void Onestep_callback_sees_every_denoised_trajectory()
    {
        using var planner = TinyPlanner.Create();
        using var g = new Generator(1);
        var seen = new List<int>();
        using var plan = planner.Plan(tensor(Starts, [2, 4]), tensor(Goals, [2, 2]), g, new PolicyInference { Sampler = SamplerKind.Ddpm, Steps = 10 },
            onDenoised: (i, x0) => { seen.Add(i); Assert.Equal([2L, 64, 6], x0.shape); x0.Dispose(); });
        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public void Bad_inputs_get_clear_errors()
    {
        using var planner = TinyPlanner.Create();
        using var g = new Generator(1);
        var e1 = Assert.Throws<ArgumentException>(() => planner.Plan(tensor(Starts, [2, 4]), tensor(new double[] { 1, 1, 2 }, [1, 3]), g));
        Assert.Contains("Goals must be [2, 2]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => planner.Plan(tensor(new double[] { 1, 1, 0 }, [1, 3]), tensor(Goals[..2], [1, 2]), g));
        Assert.Contains("starts must be [B, 4]", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => planner.Plan(tensor(new[] { double.NaN, 1, 0, 0 }, [1, 4]), tensor(Goals[..2], [1, 2]), g));
        Assert.Contains("NaN", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => (TinyPlanner.Config() with { Horizon = 63 }).Validated());
        Assert.Contains("Horizon 63", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => (TinyPlanner.Config() with
        {
            Objective = new() { Parameterization = RoboDiffusion.Diffusion.Denoisers.Parameterization.Epsilon },
        }).Validated());
        Assert.Contains("x₀-prediction", e5.Message);
    }

    [Fact]
    public void The_loss_ignores_the_network_at_the_inpainted_entries()
    {   // Diffuser overwrites the prediction at the start and goal observations with the truth, so only the rest is learned.
        using var planner = TinyPlanner.Create();
        var batch = new Dictionary<string, Tensor>
        {
            ["observation.state"] = rand([3, 64, 4], generator: new Generator(1)) * 4,
            ["action"] = rand([3, 64, 2], generator: new Generator(2)) * 2 - 1,
        };
        using var loss = planner.Loss(batch, new Generator(5));
        loss.backward();
        Assert.True(loss.item<float>() > 0 && float.IsFinite(loss.item<float>()));
        Assert.Contains(planner.Model.parameters(), p => p.grad is { } gr && gr.abs().sum().item<float>() > 0);
    }
}
