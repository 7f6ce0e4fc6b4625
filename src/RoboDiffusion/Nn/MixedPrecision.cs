using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// bf16 mixed precision for training, PyTorch's <c>torch.autocast("cpu", dtype=torch.bfloat16)</c> kept to the layers
/// that carry the work: inside <see cref="Bf16"/> every convolution of the 1-D networks and of the image encoders
/// (<see cref="ConvForward"/>) multiplies bf16 copies of its input, weight and bias (oneDNN accumulates in fp32) and
/// hands back fp32, so GroupNorm, Mish, FiLM, the loss, the fp32 master weights and the Adam moments stay as they were;
/// autograd casts the gradients back to fp32. On CPUs with AVX512-BF16 (the AMD EPYC here) those convolutions run 2-5×
/// faster than in fp32 (docs/benchmarks.md). Shapes on which libtorch's bf16 kernel is wrong stay in fp32 (<see cref="ConvKernelCheck"/>).
/// Inference stays fp32: sampling is what must match diffusers' numbers.
/// The switch is per thread, as autocast's is; autograd's backward needs none (the casts are in the graph).
/// </summary>
public static class MixedPrecision
{
    [ThreadStatic] private static bool bf16;

    /// <summary>Whether convolutions on this thread run in bf16.</summary>
    public static bool IsBf16 => bf16;

    /// <summary>Convolutions in bf16 (or, with <paramref name="enabled"/> false, in fp32) on this thread until disposed.</summary>
    public static Scope Bf16(bool enabled = true)
    {
        var scope = new Scope(bf16);
        bf16 = enabled;
        return scope;
    }

    /// <summary>A convolution kernel <c>op(x, weight, bias)</c> in the dtype of its arguments.</summary>
    internal delegate Tensor ConvOp(Tensor x, Tensor weight, Tensor? bias);

    /// <summary><paramref name="op"/> on bf16 copies of x, weight and bias, cast back to x's dtype.</summary>
    internal static Tensor InBf16(Tensor x, Tensor weight, Tensor? bias, ConvOp op)
    {
        using var scope = NewDisposeScope();
        var y = op(x.to(ScalarType.BFloat16), weight.to(ScalarType.BFloat16), bias?.to(ScalarType.BFloat16));
        return y.to(x.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>Restores the switch it replaced.</summary>
    public sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => bf16 = previous;
    }
}
