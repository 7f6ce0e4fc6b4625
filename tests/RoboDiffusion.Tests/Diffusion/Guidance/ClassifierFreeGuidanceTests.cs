using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

public sealed class ClassifierFreeGuidanceTests
{
    private const int B = 3;

    public ClassifierFreeGuidanceTests() => TorchRuntime.Initialize();

    /// <summary>A toy conditional denoiser D(x; σ, c) = x/(1 + σ²) + c (c = null adds 0), counting calls and batch sizes.</summary>
    private sealed class Toy
    {
        public List<(long Batch, bool NullCond)> Calls { get; } = [];

        public Tensor Denoise(Tensor x, Tensor sigma, Tensor? cond)
        {
            Calls.Add((x.shape[0], cond is null));
            var d = x / (1 + sigma.pow(2)).view(-1, 1);
            return cond is null ? d : d + cond;
        }
    }

    private static (Tensor X, Tensor Sigma, Tensor Cond, Tensor Uncond) Inputs()
    {
        var g = new TorchSharp.torch.Generator(7);
        return (randn([B, 2], dtype: ScalarType.Float64, generator: g), tensor(new[] { 0.5, 1.0, 2.0 }, dtype: ScalarType.Float64),
            randn([B, 2], dtype: ScalarType.Float64, generator: g), randn([B, 2], dtype: ScalarType.Float64, generator: g));
    }

    [Fact]
    public void Scale_one_equals_the_conditional_denoiser_exactly()
    {
        var toy = new Toy();
        var (x, sigma, cond, uncond) = Inputs();
        var guided = ClassifierFreeGuidance.Create(toy.Denoise, cond, uncond, 1.0)(x, sigma);
        Assert.True(Exact.Same(guided, toy.Denoise(x, sigma, cond)));
    }

    [Fact]
    public void Scale_zero_equals_the_unconditional_denoiser_exactly_for_both_kinds_of_uncond()
    {
        var toy = new Toy();
        var (x, sigma, cond, uncond) = Inputs();
        Assert.True(Exact.Same(ClassifierFreeGuidance.Create(toy.Denoise, cond, uncond, 0.0)(x, sigma), toy.Denoise(x, sigma, uncond)));
        Assert.True(Exact.Same(ClassifierFreeGuidance.Create(toy.Denoise, cond, null, 0.0)(x, sigma), toy.Denoise(x, sigma, null)));
    }

    [Fact]
    public void Guided_output_follows_the_cfg_formula_with_one_batched_call()
    {   // D_c − D_u = c − u for the toy, so D_w = x/(1 + σ²) + u + w·(c − u).
        var toy = new Toy();
        var (x, sigma, cond, uncond) = Inputs();
        var guided = ClassifierFreeGuidance.Create(toy.Denoise, cond, uncond, 3.0)(x, sigma);
        var expected = x / (1 + sigma.pow(2)).view(-1, 1) + uncond + 3.0 * (cond - uncond);
        Assert.True(guided.allclose(expected, rtol: 0, atol: 1e-12));
        Assert.Equal([(2L * B, false)], toy.Calls);
    }

    [Fact]
    public void Null_uncond_uses_the_networks_unconditional_mode_in_a_second_call()
    {   // With c = null the toy returns x/(1 + σ²), so D_w = x/(1 + σ²) + w·c.
        var toy = new Toy();
        var (x, sigma, cond, _) = Inputs();
        var guided = ClassifierFreeGuidance.Create(toy.Denoise, cond, null, 2.5)(x, sigma);
        Assert.True(guided.allclose(x / (1 + sigma.pow(2)).view(-1, 1) + 2.5 * cond, rtol: 0, atol: 1e-12));
        Assert.Equal([(B, false), (B, true)], toy.Calls.Select(c => (c.Batch, c.NullCond)));
    }

    [Fact]
    public void Batch_one_conditions_broadcast_over_the_batch()
    {
        var toy = new Toy();
        var (x, sigma, _, _) = Inputs();
        var cond = tensor(new[] { 1.0, -1.0 }, dtype: ScalarType.Float64).view(1, 2);
        var nullEmbedding = zeros(1, 2, dtype: ScalarType.Float64);
        var guided = ClassifierFreeGuidance.Create(toy.Denoise, cond, nullEmbedding, 4.0)(x, sigma);
        Assert.True(guided.allclose(x / (1 + sigma.pow(2)).view(-1, 1) + 4.0 * cond, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Mismatched_uncond_shape_is_rejected_with_both_shapes_named()
    {
        var toy = new Toy();
        var e = Assert.Throws<ArgumentException>(() =>
            ClassifierFreeGuidance.Create(toy.Denoise, zeros(1, 2), zeros(1, 3), 2.0));
        Assert.Contains("[1, 3]", e.Message);
        Assert.Contains("[1, 2]", e.Message);
    }
}
