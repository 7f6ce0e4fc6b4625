using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Planners.Mpd;
using RoboDiffusion.Policies.DiffusionPolicy;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Mpd;

public sealed class MpdPlannerTests
{
    private static readonly double[,] Starts = { { -0.8, -0.7 }, { 0.5, -0.9 } };
    private static readonly double[,] Goals = { { 0.9, 0.6 }, { -0.6, 0.8 } };

    public static TheoryData<SamplerKind> AllSamplers() => [.. SamplerRegistry.Kinds];

    [Theory]
    [MemberData(nameof(AllSamplers))]
    public void Inpainting_keeps_start_and_goal_exact_with_zero_end_velocities(SamplerKind sampler)
    {
        using var planner = TinyMpd.Create();
        using var scope = NewDisposeScope();
        var x = planner.Sample(tensor(Starts), tensor(Goals), new Generator(1), samples: 2,
            inference: new PolicyInference { Sampler = sampler, Steps = 6, Grid = RoboDiffusion.Diffusion.Schedules.SigmaGridKind.Linspace });
        Assert.Equal(new long[] { 4, 64, 4 }, x.shape);
        for (var b = 0; b < 4; b++)
        {
            var q = b / 2;                                           // query-major: samples of query 0, then of query 1
            Assert.Equal(Starts[q, 0], x[b, 0, 0].item<float>(), 1e-5);
            Assert.Equal(Starts[q, 1], x[b, 0, 1].item<float>(), 1e-5);
            Assert.Equal(Goals[q, 0], x[b, 63, 0].item<float>(), 1e-5);
            Assert.Equal(Goals[q, 1], x[b, 63, 1].item<float>(), 1e-5);
            foreach (var t in new[] { 0, 63 })
                for (var c = 2; c < 4; c++) Assert.Equal(0.0, x[b, t, c].item<float>(), 1e-5);
        }
        Assert.False(x.isnan().any().item<bool>());
    }

    [Fact]
    public void Cost_guidance_lowers_a_toy_cost_below_unguided_sampling_from_the_same_noise()
    {
        // Cost: ‖q_32 − p‖² for the trajectory's midpoint; its gradient is 2(q_32 − p) on the midpoint's position.
        var p = tensor(new[] { 0.7, -0.7 });
        Tensor Gradient(Tensor x)
        {
            var g = zeros_like(x);
            g[TensorIndex.Colon, 32, TensorIndex.Slice(0, 2)] = 2 * (x[TensorIndex.Colon, 32, TensorIndex.Slice(0, 2)] - p);
            return g;
        }
        double MeanCost(Tensor x) => (x[TensorIndex.Colon, 32, TensorIndex.Slice(0, 2)].to(ScalarType.Float64) - p).square().sum(1).mean().item<double>();
        using var planner = TinyMpd.Create();
        var guidance = new MpdGuidance { Terms = [new MpdCostTerm(Gradient, 0.05)], LastSteps = 7 };
        using var plain = planner.Sample(tensor(Starts), tensor(Goals), new Generator(3), samples: 8);
        using var guided = planner.Sample(tensor(Starts), tensor(Goals), new Generator(3), samples: 8, guidance: guidance);
        Assert.True(MeanCost(guided) < 0.8 * MeanCost(plain), $"guided {MeanCost(guided):0.###} vs unguided {MeanCost(plain):0.###}");
    }

    [Fact]
    public void Same_seed_gives_the_same_samples()
    {
        using var planner = TinyMpd.Create();
        using var a = planner.Sample(tensor(Starts), tensor(Goals), new Generator(9), samples: 2);
        using var b = planner.Sample(tensor(Starts), tensor(Goals), new Generator(9), samples: 2);
        Assert.True(a.equal(b).all().item<bool>());
    }

    [Fact]
    public void Bad_queries_and_batches_get_clear_errors()
    {
        using var planner = TinyMpd.Create();
        var e = Assert.Throws<ArgumentException>(() => planner.Sample(tensor(new double[,] { { 0, 0, 0 } }), tensor(Goals), new Generator(0)));
        Assert.Contains("starts must be", e.Message);
        Assert.Throws<ArgumentException>(() => planner.Sample(tensor(new[,] { { double.NaN, 0 } }), tensor(new double[,] { { 0, 0 } }), new Generator(0)));
        var batch = new Dictionary<string, Tensor> { ["observation.state"] = zeros(2, 32, 4) };
        Assert.Contains("[B, 64, 4]", Assert.Throws<ArgumentException>(() => planner.Loss(batch, new Generator(0))).Message);
    }

    [Fact]
    public void Config_rejects_x0_prediction_and_an_odd_horizon()
    {
        Assert.Throws<ArgumentException>(() => (TinyMpd.Config() with { Objective = TinyMpd.Config().Objective with { Parameterization = RoboDiffusion.Diffusion.Denoisers.Parameterization.Sample } }).Validated());
        Assert.ThrowsAny<ArgumentException>(() => (TinyMpd.Config() with { Horizon = 63 }).Validated());
    }
}
