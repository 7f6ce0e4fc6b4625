using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

public sealed class InpaintingTests
{
    private const int B = 4, H = 8, D = 3;

    public InpaintingTests() => TorchRuntime.Initialize();

    /// <summary>A nonlinear toy denoiser that ignores any constraint: D = tanh(x)/(1 + σ²) + 0.3.</summary>
    private static Tensor Toy(Tensor x, Tensor sigma) => x.tanh() / (1 + sigma.pow(2)).view(-1, 1, 1) + 0.3;

    /// <summary>Diffuser-style start and goal: channels 0-1 (positions) of timesteps 0 and H − 1.</summary>
    private static (Inpainting Constraint, Tensor Start, Tensor Goal) StartGoal(InpaintingNoise noise, TorchSharp.torch.Generator? g = null)
    {
        var start = tensor(new[] { -0.9, 0.4 }, dtype: ScalarType.Float64);
        var goal = tensor(new[,] { { 0.7, 0.1 }, { 0.2, -0.5 }, { -0.3, 0.9 }, { 1.5, -1.5 } }, dtype: ScalarType.Float64);   // per sample
        var c = Inpainting.AtTimesteps(H, D, new Dictionary<int, Tensor> { [0] = start, [-1] = goal }, 0, noise, g);
        return (c, start, goal);
    }

    [Theory]
    [InlineData(InpaintingNoise.Clean)]
    [InlineData(InpaintingNoise.Matched)]
    public void Known_entries_are_exact_after_a_full_euler_run(InpaintingNoise noise)
    {
        var g = new TorchSharp.torch.Generator(11);
        var (constraint, start, goal) = StartGoal(noise, g);
        var x = randn([B, H, D], dtype: ScalarType.Float64, generator: g) * 10;
        var sample = TestEuler.Sample(constraint.Wrap(Toy), x, SigmaGrids.Karras(12, 0.01, 10));
        Assert.True(Exact.Same(sample[.., 0, ..2], start.expand(B, 2)));
        Assert.True(Exact.Same(sample[.., H - 1, ..2], goal));
        // Without the wrapper the same run misses the constraint, so the exactness above is the wrapper's doing.
        var unconstrained = TestEuler.Sample(Toy, x, SigmaGrids.Karras(12, 0.01, 10));
        Assert.False(unconstrained[.., 0, ..2].allclose(start.expand(B, 2), rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void The_denoiser_sees_the_clean_known_values_in_its_input()
    {
        var (constraint, start, _) = StartGoal(InpaintingNoise.Clean);
        Tensor? seen = null;
        constraint.Wrap((x, s) => { seen = x.clone(); return x; })(zeros(B, H, D, dtype: ScalarType.Float64), full(B, 5.0, dtype: ScalarType.Float64));
        Assert.True(Exact.Same(seen![.., 0, ..2], start.expand(B, 2)));
        Assert.True(seen[.., 1..^1, ..].eq(0).all().item<bool>());
    }

    [Fact]
    public void Matched_noise_puts_the_known_values_at_the_current_noise_level()
    {   // known + σ·ε: the residual over many draws has std σ.
        var g = new TorchSharp.torch.Generator(5);
        var mask = ones(1, 2000, dtype: ScalarType.Bool);
        var constraint = new Inpainting(mask, full(1, 2000, 2.0, dtype: ScalarType.Float64), InpaintingNoise.Matched, g);
        var input = constraint.ImposeOnInput(zeros(1, 2000, dtype: ScalarType.Float64), tensor(new[] { 3.0 }, dtype: ScalarType.Float64));
        var residual = input - 2.0;
        Assert.InRange(residual.std().item<double>(), 3.0 * 0.93, 3.0 * 1.07);   // 2000 draws: std error ≈ 1.6%
    }

    [Fact]
    public void Apply_imposes_the_known_entries_and_keeps_the_others()
    {
        var (constraint, start, goal) = StartGoal(InpaintingNoise.Clean);
        var x = arange(B * H * D, dtype: ScalarType.Float64).view(B, H, D);
        var y = constraint.Apply(x);
        Assert.True(Exact.Same(y[.., 0, ..2], start.expand(B, 2)));
        Assert.True(Exact.Same(y[.., H - 1, ..2], goal));
        Assert.True(Exact.Same(y[.., 1..^1, ..], x[.., 1..^1, ..]));
        Assert.True(Exact.Same(y[.., .., 2], x[.., .., 2]));
    }

    [Fact]
    public void Gradient_guidance_with_the_constraint_as_projection_keeps_it_exact()
    {
        var (constraint, start, _) = StartGoal(InpaintingNoise.Clean);
        var options = new GradientGuidanceOptions { Scale = 0.5, InnerSteps = 3, Projection = constraint.Apply };
        var guided = GradientGuidance.MinimizeCost(Toy, x0 => x0.pow(2).sum([1, 2]), options);
        var out0 = guided(randn(B, H, D, dtype: ScalarType.Float64), full(B, 0.2, dtype: ScalarType.Float64));
        Assert.True(Exact.Same(out0[.., 0, ..2], start.expand(B, 2)));
    }

    [Fact]
    public void Bad_masks_and_missing_generators_are_rejected()
    {
        Assert.Contains("bool", Assert.Throws<ArgumentException>(() => new Inpainting(ones(2, 2), zeros(2, 2))).Message);
        Assert.Equal("generator", Assert.Throws<ArgumentException>(() =>
            new Inpainting(ones(2, 2, dtype: ScalarType.Bool), zeros(2, 2), InpaintingNoise.Matched)).ParamName);
        var c = new Inpainting(ones(1, 5, dtype: ScalarType.Bool), zeros(1, 5));
        Assert.Contains("broadcast", Assert.Throws<ArgumentException>(() => c.Apply(zeros(2, 4))).Message);
    }
}
