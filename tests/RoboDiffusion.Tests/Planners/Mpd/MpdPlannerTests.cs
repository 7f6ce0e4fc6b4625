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
        static void Gradient(ReadOnlySpan<double> x, Span<double> g)
        {
            for (var b = 0; b < x.Length; b += 64 * 4)
            {
                var mid = b + 32 * 4;
                (g[mid], g[mid + 1]) = (2 * (x[mid] - 0.7), 2 * (x[mid + 1] + 0.7));
            }
        }
        double MeanCost(Tensor x) => (x[TensorIndex.Colon, 32, TensorIndex.Slice(0, 2)].to(ScalarType.Float64) - p).square().sum(1).mean().item<double>();
        using var planner = TinyMpd.Create();
        var guidance = new MpdGuidance { Terms = [new MpdCostTerm(Gradient, 0.05)], LastSteps = 7 };
        using var plain = planner.Sample(tensor(Starts), tensor(Goals), new Generator(3), samples: 8);
        using var guided = planner.Sample(tensor(Starts), tensor(Goals), new Generator(3), samples: 8, guidance: guidance);
        Assert.True(MeanCost(guided) < 0.8 * MeanCost(plain), $"guided {MeanCost(guided):0.###} vs unguided {MeanCost(plain):0.###}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_guided_DDPM_step_moves_the_posterior_mean_by_MPDs_step(bool posteriorMeanStep)
    {
        // A constant cost gradient a (norm < 1 per point, so unclipped) and a denoiser that predicts x̂₀ = 0: MPD moves the
        // posterior mean by −w·K·a over K inner steps. A step on x̂₀ moves it by (1 − σ_next²/σ²)·(−w·K·a) instead.
        const double w = 0.01;
        const int inner = 5;
        double[] sigmas = [0.5, 0.3, 0.0];
        using var scope = NewDisposeScope();
        var known = RoboDiffusion.Planners.Diffuser.TrajectoryConditioning.StartAndGoal(8, 4, 0, zeros(1, 4, ScalarType.Float64), zeros(1, 4, ScalarType.Float64));
        RoboDiffusion.Diffusion.Denoiser prior = (x, _) => zeros_like(x);
        var guidance = new MpdGuidance { Terms = [new MpdCostTerm((_, g) => g.Fill(0.3), w)], InnerSteps = inner, PosteriorMeanStep = posteriorMeanStep };
        var identity = RoboDiffusion.Data.Normalization.MinMaxNormalizer.FromStats([-1, -1, -1, -1], [1, 1, 1, 1]);   // raw = normalized
        var guided = MpdGuidedDenoiser.Create(prior, guidance, sigmas, SamplerKind.Ddpm, identity, known);
        var x = full(new long[] { 1, 8, 4 }, 0.2, ScalarType.Float64);
        Tensor AfterFirstStep(RoboDiffusion.Diffusion.Denoiser denoiser)
        {
            Tensor? kept = null;
            SamplerRegistry.Sample(SamplerKind.Ddpm, denoiser, x, sigmas, new SamplerOptions { SNoise = 0 },
                onStep: step => { if (step.Index == 1) kept = step.X.clone().MoveToOuterDisposeScope(); });
            return kept!;
        }
        var moved = AfterFirstStep(guided) - AfterFirstStep(prior);                // x at σ = 0.3, guided − unguided
        var factor = posteriorMeanStep ? 1.0 : 1 - 0.3 * 0.3 / (0.5 * 0.5);
        var expected = -w * inner * 0.3 * factor;
        Assert.Equal(expected, moved[0, 3, 0].item<double>(), 12);                 // interior points (the ends are inpainted)
        Assert.Equal(expected, moved[0, 5, 3].item<double>(), 12);
        Assert.Equal(1.0, MpdGuidedDenoiser.PosteriorMeanScale(sigmas)(0.3), 12);   // the step to σ = 0 lands on x̂₀
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
