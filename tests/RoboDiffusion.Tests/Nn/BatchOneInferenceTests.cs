using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RoboDiffusion.Tests.Nn;

/// <summary>
/// The batch-1 inference shortcuts of <see cref="ConditionalUnet1D"/> (matrix-product convolutions, fused in-place
/// Mish, one Mish of the condition per forward, FiLM as one addcmul, serial threads) against the plain layer-by-layer
/// composition of Chi et al. (2023), §III-B, written here with libtorch's own functional ops.
/// </summary>
public sealed class BatchOneInferenceTests
{
    // Wide enough that every shortcut engages: the 128/256-channel convolutions, the 1×1 residuals and the
    // 128-channel ConvTranspose1d all have ≥ ConvForward.MinWeightNumel weights.
    private static readonly ConditionalUnet1DConfig Wide = new()
    {
        InputDim = 2, GlobalCondDim = 4, DiffusionStepEmbedDim = 16, DownDims = [128, 256], KernelSize = 5,
    };

    public BatchOneInferenceTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(ScalarType.Float64, 1e-10)]
    [InlineData(ScalarType.Float32, 1e-5)]
    public void Batch_one_inference_equals_the_plain_layer_composition(ScalarType dtype, double tolerance)
    {
        manual_seed(3);
        using var net = new ConditionalUnet1D(Wide);
        net.to(dtype).eval();
        using var _ = no_grad();
        var x = randn(1, 16, 2, dtype: dtype);
        var t = tensor(new[] { 37.0 }).to(dtype);
        var c = randn(1, 4, dtype: dtype);
        var reference = PlainForward(net.state_dict(), Wide, x, t, c);
        var got = net.forward(x, t, c);
        Assert.True(reference.abs().max().to(ScalarType.Float64).item<double>() > 0.05);   // a non-trivial output
        Assert.InRange((got - reference).abs().max().to(ScalarType.Float64).item<double>(), 0, tolerance);
    }

    [Theory]
    [InlineData(128, 128, 5, 1, 2)]
    [InlineData(128, 128, 3, 2, 1)]   // the down-sampling convolution
    [InlineData(256, 128, 1, 1, 0)]   // a 1×1 residual
    public void Batch_one_conv1d_equals_libtorchs_with_the_same_gradients(int inChannels, int outChannels, int k, int stride, int padding)
    {
        manual_seed(4);
        using var conv = nn.Conv1d(inChannels, outChannels, k, stride: stride, padding: padding);
        conv.to(ScalarType.Float64);
        AssertSameValuesAndGradients(conv, x => conv.forward(x), x => ConvForward.Conv1d(conv, x, padding, stride), inChannels);
    }

    [Fact]
    public void Batch_one_conv_transpose1d_equals_libtorchs_with_the_same_gradients()
    {
        manual_seed(5);
        using var up = nn.ConvTranspose1d(128, 128, 4, stride: 2, padding: 1);
        up.to(ScalarType.Float64);
        AssertSameValuesAndGradients(up, x => up.forward(x), x => ConvForward.ConvTranspose1d(up, x, padding: 1, stride: 2), 128);
    }

    [Fact]
    public void Inference_mish_is_the_closed_form_in_place_without_autograd_and_the_module_with_it()
    {
        double[] values = [-30, -5, -1, 0, 0.5, 3, 25];
        using var mish = nn.Mish();
        var x = tensor(values);
        using (no_grad())
        {
            var y = InferenceMish.OfTemporary(mish, x);
            Assert.Same(x, y);                                                  // overwritten in place
            for (var i = 0; i < values.Length; i++)                             // Misra (2019): x·tanh(ln(1 + eˣ))
                Assert.Equal(values[i] * Math.Tanh(Math.Log(1 + Math.Exp(values[i]))), y[i].item<double>(), 12);
        }
        var leaf = tensor(values).requires_grad_();
        var z = InferenceMish.OfTemporary(mish, leaf);
        Assert.NotSame(leaf, z);
        Assert.True(z.requires_grad);
        Assert.Equal(values, leaf.detach().data<double>().ToArray());           // the input is untouched under autograd
    }

    [Fact]
    public void Serial_region_gives_one_thread_and_restores_the_callers_count_on_this_thread_only()
    {
        var setOmp = LibTorchSymbols.Find<SetThreads>("omp_set_num_threads");
        Assert.NotNull(setOmp);
        var counts = new List<int>();
        var worker = new Thread(() =>
        {   // a fresh thread with two threads of its own, so the test does not touch the process-wide count
            counts.Add(get_num_threads());                                      // libtorch's lazy per-thread init first
            setOmp(2);
            counts.Add(get_num_threads());
            using (IntraOpThreads.Serial())
            {
                counts.Add(get_num_threads());
                using (IntraOpThreads.ForLargeProduct(IntraOpThreads.ParallelWeightNumel)) counts.Add(get_num_threads());
                using (IntraOpThreads.ForLargeProduct(IntraOpThreads.ParallelWeightNumel - 1)) counts.Add(get_num_threads());
            }
            counts.Add(get_num_threads());
        });
        var mainBefore = get_num_threads();
        worker.Start();
        worker.Join();
        Assert.Equal([2, 1, 2, 1, 2], counts.Skip(1));
        Assert.Equal(mainBefore, get_num_threads());
    }

    [System.Runtime.InteropServices.UnmanagedFunctionPointer(System.Runtime.InteropServices.CallingConvention.Cdecl)]
    private delegate void SetThreads(int n);

    private static void AssertSameValuesAndGradients(nn.Module module, Func<Tensor, Tensor> libtorch, Func<Tensor, Tensor> shortcut, int inChannels)
    {
        var x = randn(1, inChannels, 8, dtype: ScalarType.Float64);
        var (yRef, gradRef) = ValueAndGradients(module, libtorch, x);
        var (y, grad) = ValueAndGradients(module, shortcut, x);
        Assert.Equal(yRef.shape, y.shape);
        Assert.True(y.allclose(yRef, rtol: 1e-10, atol: 1e-12));
        Assert.Equal(gradRef.Length, grad.Length);
        for (var i = 0; i < grad.Length; i++) Assert.True(grad[i].allclose(gradRef[i], rtol: 1e-10, atol: 1e-12), $"gradient {i} differs");
    }

    /// <summary>y = f(x) and the gradients of Σ y·w (w fixed) with respect to x and every parameter.</summary>
    private static (Tensor Y, Tensor[] Grads) ValueAndGradients(nn.Module module, Func<Tensor, Tensor> f, Tensor x)
    {
        var input = x.clone().requires_grad_();
        module.zero_grad();
        var y = f(input);
        using var generator = new Generator(6);
        (y * randn(y.shape, dtype: y.dtype, generator: generator)).sum().backward();
        return (y.detach(), [input.grad!.clone(), .. module.parameters().Select(p => p.grad!.clone())]);
    }

    /// <summary>The U-Net of Chi et al. (2023), §III-B, layer by layer from a state dict with functional ops only.</summary>
    private static Tensor PlainForward(Dictionary<string, Tensor> p, ConditionalUnet1DConfig cfg, Tensor x, Tensor t, Tensor cond)
    {
        Tensor Mish(Tensor v) => v * F.softplus(v).tanh();
        Tensor Block(string pre, Tensor v) => Mish(F.group_norm(
            F.conv1d(v, p[pre + ".conv.weight"], p[pre + ".conv.bias"], padding: cfg.KernelSize / 2),
            cfg.NGroups, p[pre + ".norm.weight"], p[pre + ".norm.bias"]));
        Tensor Residual(string pre, Tensor v, Tensor c)
        {
            var h = Block(pre + ".block0", v);
            var film = F.linear(Mish(c), p[pre + ".condProj.weight"], p[pre + ".condProj.bias"]).view(1, 2, -1, 1);
            h = film.select(1, 0) * h + film.select(1, 1);                         // FiLM: γ·h + β
            var skip = p.TryGetValue(pre + ".residual.weight", out var w) ? F.conv1d(v, w, p[pre + ".residual.bias"]) : v;
            return Block(pre + ".block1", h) + skip;
        }

        var half = cfg.DiffusionStepEmbedDim / 2;
        var freqs = exp(arange(half, dtype: x.dtype) * -(Math.Log(10000.0) / (half - 1)));
        var angles = t.unsqueeze(1) * freqs.unsqueeze(0);
        var emb = cat([angles.sin(), angles.cos()], 1);
        emb = F.linear(Mish(F.linear(emb, p["stepEncoder.fc1.weight"], p["stepEncoder.fc1.bias"])), p["stepEncoder.fc2.weight"], p["stepEncoder.fc2.bias"]);
        var globalCond = cat([emb, cond], 1);
        var levels = cfg.DownDims.Count;
        var hx = x.transpose(1, 2);
        var skips = new Stack<Tensor>();
        for (var i = 0; i < levels; i++)
        {
            hx = Residual($"downBlocks.{2 * i + 1}", Residual($"downBlocks.{2 * i}", hx, globalCond), globalCond);
            skips.Push(hx);
            if (i < levels - 1) hx = F.conv1d(hx, p[$"downsamplers.{i}.weight"], p[$"downsamplers.{i}.bias"], stride: 2, padding: 1);
        }
        hx = Residual("midBlocks.1", Residual("midBlocks.0", hx, globalCond), globalCond);
        for (var i = 0; i < levels - 1; i++)
        {
            hx = cat([hx, skips.Pop()], 1);
            hx = Residual($"upBlocks.{2 * i + 1}", Residual($"upBlocks.{2 * i}", hx, globalCond), globalCond);
            hx = F.conv_transpose1d(hx, p[$"upsamplers.{i}.weight"], p[$"upsamplers.{i}.bias"], stride: 2, padding: 1);
        }
        hx = F.conv1d(Block("finalBlock", hx), p["finalConv.weight"], p["finalConv.bias"]);
        return hx.transpose(1, 2);
    }
}
