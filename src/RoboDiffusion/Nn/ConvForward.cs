using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// The forward of every Conv1d and ConvTranspose1d of the 1-D networks (and of the Conv2d of the image encoders, whose
/// only choice is bf16 or not: <see cref="Conv2d"/>), so the choice of kernel lives in one place:
/// <list type="bullet">
/// <item>Inside <see cref="MixedPrecision.Bf16"/> (training), libtorch's kernel on bf16 copies of input, weight and
/// bias, cast back to the input's dtype (PyTorch's CPU autocast for convolutions).</item>
/// <item>At batch 1, one matrix product whose left factor has few rows (the T' time steps). At batch 1 libtorch 2.10
/// skips oneDNN and runs im2col + GEMM as W[O, C·k] · cols[C·k, T'] (col2im after Wᵀ · x for the transposed
/// convolution), a product with only 4-16 columns; MKL's SGEMM is ≈ 4× slower on that shape than on the transposed one
/// on this AMD CPU (256×1280 by 4: ≈ 300 µs against ≈ 60 µs), and the U-Net's deep levels are exactly such shapes.
/// Small weights (below <see cref="MinWeightNumel"/>) keep libtorch's own kernel.</item>
/// <item>Otherwise libtorch's kernel (oneDNN from batch 2 on), unless <see cref="ConvKernelCheck"/> found it wrong for
/// this shape: then the same matrix-product formulation at any batch size.</item>
/// </list>
/// The matrix-product forms are the same sums in another order: equal up to float rounding, and differentiable.
/// </summary>
internal static class ConvForward
{
    /// <summary>Below ≈ 32k weights (e.g. 64→64, k = 5) libtorch's own kernels were as fast or faster (measured).</summary>
    public const long MinWeightNumel = 32_768;

    /// <summary>
    /// <paramref name="conv"/> on x [B, C, T] with zero <paramref name="padding"/> on both sides and
    /// <paramref name="stride"/>, which must be the module's own (dilation 1, groups 1). Returns [B, O, T'], possibly
    /// as a non-contiguous view.
    /// </summary>
    public static Tensor Conv1d(Conv1d conv, Tensor x, long padding, long stride = 1)
    {
        MixedPrecision.ConvOp kernel = (xx, w, b) => nn.functional.conv1d(xx, w, b, stride, padding);
        return Run(new ConvKernelCheck.Kind(Transposed: false, stride, padding), x, conv.weight!, conv.bias, kernel,                  // weight [O, C, k]
            (xx, w, b) => Conv1dAsProduct(xx, w, b, padding, stride));
    }

    /// <summary>
    /// <paramref name="conv"/> (a ConvTranspose1d) on x [B, C, T] with the module's own <paramref name="stride"/> and
    /// <paramref name="padding"/> (no output padding, dilation 1, groups 1). Returns [B, O, (T − 1)·s − 2p + k].
    /// </summary>
    public static Tensor ConvTranspose1d(ConvTranspose1d conv, Tensor x, long padding, long stride)
    {
        MixedPrecision.ConvOp kernel = (xx, w, b) => nn.functional.conv_transpose1d(xx, w, b, stride, padding);
        return Run(new ConvKernelCheck.Kind(Transposed: true, stride, padding), x, conv.weight!, conv.bias, kernel,       // weight [C, O, k]
            (xx, w, b) => ConvTranspose1dAsProduct(xx, w, b, padding, stride));
    }

    /// <summary>
    /// <paramref name="conv"/> (a Conv2d) on x [N, C, H, W]. Inside <see cref="MixedPrecision.Bf16"/>, libtorch's kernel
    /// on bf16 copies where <see cref="ConvKernelCheck"/> finds it right for this shape (convolutions with one stride and
    /// one padding for both axes, dilation 1, groups 1: every one of the image encoders); otherwise the module's own forward.
    /// </summary>
    public static Tensor Conv2d(Conv2d conv, Tensor x)
    {
        if (!MixedPrecision.IsBf16 || SquareGeometry(conv) is not var (stride, padding)) return conv.forward(x);
        MixedPrecision.ConvOp kernel = (xx, w, b) => nn.functional.conv2d(xx, w, b, [stride, stride], [padding, padding]);
        var kind = new ConvKernelCheck.Kind(Transposed: false, stride, padding, Dims: 2);
        return InBf16IfRight(kind, x, conv.weight!, conv.bias, kernel) ?? conv.forward(x);
    }

    /// <summary>(stride, padding) when both axes share them and dilation is 1, groups 1; else null.</summary>
    private static (long Stride, long Padding)? SquareGeometry(Conv2d conv) =>
        conv.stride is [var s, var s2] && s == s2 && conv.padding is [var p, var p2] && p == p2
        && conv.dilation is [1, 1] && conv.groups == 1
            ? (s, p)
            : null;

    /// <summary>bf16 when on and right; else the product form at batch 1 (large weights) or where libtorch's kernel is wrong.</summary>
    private static Tensor Run(ConvKernelCheck.Kind kind, Tensor x, Tensor weight, Tensor? bias, MixedPrecision.ConvOp kernel,
        MixedPrecision.ConvOp asProduct)
    {
        if (InBf16IfRight(kind, x, weight, bias, kernel) is { } y) return y;
        var batchOne = x.shape[0] == 1 && weight.numel() >= MinWeightNumel;
        return batchOne || !ConvKernelCheck.IsRight(kind, x.dtype, x, weight, kernel) ? asProduct(x, weight, bias) : kernel(x, weight, bias);
    }

    /// <summary><paramref name="kernel"/> on bf16 copies when bf16 is on and libtorch's bf16 kernel is right here; else null.</summary>
    private static Tensor? InBf16IfRight(ConvKernelCheck.Kind kind, Tensor x, Tensor weight, Tensor? bias,
        MixedPrecision.ConvOp kernel) =>
        MixedPrecision.IsBf16 && ConvKernelCheck.IsRight(kind, ScalarType.BFloat16, x, weight, kernel)
            ? MixedPrecision.InBf16(x, weight, bias, kernel)
            : null;

    /// <summary>cols [B·T', C·k] (row = the window of one output step) times W[O, C·k]ᵀ.</summary>
    private static Tensor Conv1dAsProduct(Tensor x, Tensor weight, Tensor? bias, long padding, long stride)
    {
        long batch = x.shape[0], outChannels = weight.shape[0], k = weight.shape[2], width = weight.shape[1] * k;
        var padded = padding > 0 ? nn.functional.pad(x, [padding, padding]) : x;   // [B, C, T + 2p]
        var windows = padded.unfold(2, k, stride);                                 // [B, C, T', k]
        var steps = windows.shape[2];
        var cols = windows.permute(0, 2, 1, 3).reshape(-1, width);                 // [B·T', C·k]
        using var threads = IntraOpThreads.ForLargeProduct(weight.numel());
        var y = nn.functional.linear(cols, weight.view(outChannels, width), bias); // [B·T', O]
        return y.view(batch, steps, outChannels).transpose(1, 2);                  // [B, O, T']
    }

    /// <summary>
    /// y = xᵀ·W [B, T, O·k], the k taps of every input step, then overlap-added at stride s (col2im, <c>fold</c>) and
    /// cropped by the padding.
    /// </summary>
    private static Tensor ConvTranspose1dAsProduct(Tensor x, Tensor weight, Tensor? bias, long padding, long stride)
    {
        long batch = x.shape[0], inChannels = weight.shape[0], outChannels = weight.shape[1], k = weight.shape[2];
        var length = (x.shape[2] - 1) * stride - 2 * padding + k;
        Tensor y;
        using (IntraOpThreads.ForLargeProduct(weight.numel()))
            y = x.transpose(1, 2).matmul(weight.view(inChannels, outChannels * k)); // [B, T, O·k]
        var folded = nn.functional.fold(y.transpose(1, 2), (1, length), (1, k), padding: (0, padding), stride: (1, stride));
        var result = folded.view(batch, outChannels, length);                      // [B, O, T_out]
        return bias is { } b ? result + b.view(outChannels, 1) : result;
    }
}
