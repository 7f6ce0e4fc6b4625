using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

public sealed class ConditionalUnet1DTests
{
    private static readonly ConditionalUnet1DConfig Small = new()
    {
        InputDim = 2, GlobalCondDim = 4, DiffusionStepEmbedDim = 16, DownDims = [16, 32, 64], KernelSize = 3,
    };

    public ConditionalUnet1DTests() => TorchRuntime.Initialize();

    [Fact]
    public void Push_t_sized_network_has_the_65_783_298_parameters_of_the_original()
    {   // Issue 4 / diffusion_policy's log for Push-T state: down_dims [256, 512, 1024], k = 5, dsed 256, 2 actions, 40 obs values.
        using var net = new ConditionalUnet1D(new ConditionalUnet1DConfig { InputDim = 2, GlobalCondDim = 40 });
        Assert.Equal(65_783_298L, net.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parameter_count_of_small_networks_matches_the_layer_arithmetic(bool predictScale)
    {
        foreach (int[] dims in new[] { new[] { 8 }, [8, 16], [8, 16, 32] })
        {
            var config = Small with { DownDims = dims, NGroups = 4, CondPredictScale = predictScale };
            using var net = new ConditionalUnet1D(config);
            Assert.Equal(ExpectedParameters(config), net.parameters().Sum(p => p.numel()));
        }
    }

    [Fact]
    public void Group_norms_start_at_pytorchs_ones_and_zeros()
    {   // PyTorch initializes GroupNorm's affine weight to 1 and bias to 0; TorchSharp 0.107 leaves them uninitialized.
        using var net = new ConditionalUnet1D(Small);
        var norms = net.named_parameters().Where(p => p.name.Contains("norm")).ToList();
        Assert.Equal(2 * (2 * (6 + 2 + 2 * 2) + 1), norms.Count);   // weight + bias of 2 per residual block (12 blocks) + final block
        foreach (var (name, p) in norms)
            Assert.True(p.eq(name.EndsWith("weight") ? 1 : 0).all().item<bool>(), name);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(3, 16)]
    [InlineData(2, 8)]
    public void Output_has_the_shape_of_the_input(int batch, int horizon)
    {
        using var net = new ConditionalUnet1D(Small);
        using var _ = no_grad();
        var y = net.forward(randn(batch, horizon, 2), tensor(Enumerable.Repeat(5L, batch).ToArray()), randn(batch, 4));
        Assert.Equal([batch, horizon, 2L], y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void Each_batch_element_is_computed_independently_of_the_others()
    {   // GroupNorm normalizes per sample, so row b of a batched call equals the call on row b alone.
        manual_seed(1);
        using var net = new ConditionalUnet1D(Small);
        net.to(ScalarType.Float64).eval();
        using var _ = no_grad();
        var x = randn(4, 16, 2, dtype: ScalarType.Float64);
        var t = tensor(new[] { 0.0, 17.0, 42.5, 99.0 });
        var c = randn(4, 4, dtype: ScalarType.Float64);
        var batched = net.forward(x, t, c);
        for (var b = 0; b < 4; b++)
        {
            var alone = net.forward(x[b..(b + 1)], t[b..(b + 1)], c[b..(b + 1)]);
            Assert.True(alone.allclose(batched[b..(b + 1)], rtol: 1e-10, atol: 1e-12), $"row {b} differs");
        }
        Assert.False(batched[0].allclose(batched[1]));   // and the rows are not trivially equal
    }

    [Fact]
    public void Timestep_and_condition_both_reach_the_output()
    {
        manual_seed(2);
        using var net = new ConditionalUnet1D(Small);
        using var _ = no_grad();
        var x = randn(2, 8, 2);
        var c = randn(2, 4);
        var y = net.forward(x, tensor(new[] { 3f, 3f }), c);
        Assert.False(y.allclose(net.forward(x, tensor(new[] { 60f, 60f }), c)));
        Assert.False(y.allclose(net.forward(x, tensor(new[] { 3f, 3f }), c + 1)));
    }

    [Theory]
    [InlineData("InputDim", 0, "InputDim")]
    [InlineData("GlobalCondDim", -1, "GlobalCondDim")]
    [InlineData("DiffusionStepEmbedDim", 15, "DiffusionStepEmbedDim")]
    [InlineData("KernelSize", 4, "KernelSize must be odd")]
    [InlineData("NGroups", 0, "NGroups")]
    [InlineData("NGroups", 3, "multiple of NGroups = 3")]
    public void Bad_configs_are_rejected_with_the_field_named(string field, int value, string message)
    {
        var config = field switch
        {
            "InputDim" => Small with { InputDim = value },
            "GlobalCondDim" => Small with { GlobalCondDim = value },
            "DiffusionStepEmbedDim" => Small with { DiffusionStepEmbedDim = value },
            "KernelSize" => Small with { KernelSize = value },
            _ => Small with { NGroups = value },
        };
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => config.Validated()).Message);
        Assert.Throws<ArgumentException>(() => new ConditionalUnet1D(config));
    }

    [Fact]
    public void Empty_down_dims_are_rejected()
    {
        Assert.Contains("DownDims", Assert.Throws<ArgumentException>(() => (Small with { DownDims = [] }).Validated()).Message);
    }

    [Fact]
    public void Wrong_input_shapes_are_named_in_the_error()
    {
        using var net = new ConditionalUnet1D(Small);
        var t = zeros(3);
        Assert.Contains("[3, 16, 5]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 16, 5), t, randn(3, 4))).Message);
        Assert.Contains("[B, T, 2]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 16), t, randn(3, 4))).Message);
        Assert.Contains("multiple of 4", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 10, 2), t, randn(3, 4))).Message);
        Assert.Contains("noise level", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 16, 2), zeros(2), randn(3, 4))).Message);
        Assert.Contains("[3, 4]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 16, 2), t, null)).Message);
        Assert.Contains("[3, 4], got [3, 5]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 16, 2), t, randn(3, 5))).Message);
        using var uncond = new ConditionalUnet1D(Small with { GlobalCondDim = 0 });
        Assert.Contains("no global condition", Assert.Throws<ArgumentException>(() => uncond.forward(randn(3, 16, 2), t, randn(3, 4))).Message);
    }

    [Fact]
    public void Training_with_epsilon_prediction_reduces_the_loss_on_a_tiny_dataset()
    {   // TinyEpsilonTraining: predicting ε = 0 would score 1.
        manual_seed(3);
        var config = new ConditionalUnet1DConfig { InputDim = 2, GlobalCondDim = 2, DiffusionStepEmbedDim = 32, DownDims = [32, 64] };
        using var net = new ConditionalUnet1D(config);
        var (x0, cond) = TinyEpsilonTraining.Circles();
        var (before, after) = TinyEpsilonTraining.Run(net, net.AsNetworkFn(), x0, cond);
        Assert.True(after < 0.5 * before && after < 0.5, $"ε loss {before:F3} → {after:F3}");
    }

    /// <summary>Parameters from the architecture (Chi et al. 2023, Fig. 2), layer by layer: weights + biases (+ 2C for GroupNorm).</summary>
    private static long ExpectedParameters(ConditionalUnet1DConfig c)
    {
        long k = c.KernelSize, d = c.DiffusionStepEmbedDim, cond = d + c.GlobalCondDim, s = c.CondPredictScale ? 2 : 1;
        long Conv(long i, long o, long kk) => i * o * kk + o;
        long Block(long i, long o) => Conv(i, o, k) + 2 * o;
        long Res(long i, long o) => Block(i, o) + Block(o, o) + cond * s * o + s * o + (i == o ? 0 : Conv(i, o, 1));
        long[] dims = [c.InputDim, .. c.DownDims.Select(x => (long)x)];
        var n = dims.Length - 1;
        var total = d * 4 * d + 4 * d + 4 * d * d + d;                                      // step encoder
        for (var i = 0; i < n; i++) total += Res(dims[i], dims[i + 1]) + Res(dims[i + 1], dims[i + 1]) + (i < n - 1 ? Conv(dims[i + 1], dims[i + 1], 3) : 0);
        total += 2 * Res(dims[n], dims[n]);                                                  // mid
        for (var i = n - 1; i >= 1; i--) total += Res(2 * dims[i + 1], dims[i]) + Res(dims[i], dims[i]) + Conv(dims[i], dims[i], 4);
        return total + Block(dims[1], dims[1]) + Conv(dims[1], c.InputDim, 1);                // final block and 1×1 conv
    }
}
