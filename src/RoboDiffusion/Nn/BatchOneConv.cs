using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Conv1d and ConvTranspose1d at batch 1 as one matrix product whose left factor has few rows (the T' time steps).
/// At batch 1 libtorch 2.10 skips oneDNN and runs im2col + GEMM as W[O, C·k] · cols[C·k, T'] (col2im after
/// Wᵀ · x for the transposed convolution), a product with only 4-16 columns; MKL's SGEMM is ≈ 4× slower on that
/// shape than on the transposed one on this AMD CPU (256×1280 by 4: ≈ 300 µs against ≈ 60 µs), and the U-Net's deep
/// levels are exactly such shapes. Small weights (below <see cref="MinWeightNumel"/>) and other batch sizes keep
/// libtorch's own path (oneDNN from batch 2 on). The same sums in another order: equal up to float rounding, and
/// differentiable.
/// </summary>
internal static class BatchOneConv
{
    /// <summary>Below ≈ 32k weights (e.g. 64→64, k = 5) libtorch's own kernels were as fast or faster (measured).</summary>
    public const long MinWeightNumel = 32_768;

    /// <summary>
    /// <paramref name="conv"/> on x [B, C, T] with zero <paramref name="padding"/> on both sides and
    /// <paramref name="stride"/>, which must be the module's own (dilation 1, groups 1). Returns [B, O, T'], at
    /// batch 1 possibly as a non-contiguous view.
    /// </summary>
    public static Tensor Conv1d(Conv1d conv, Tensor x, long padding, long stride = 1)
    {
        var weight = conv.weight!;                                                 // [O, C, k]
        if (x.shape[0] != 1 || weight.numel() < MinWeightNumel) return conv.forward(x);
        long outChannels = weight.shape[0], k = weight.shape[2], width = weight.shape[1] * k;
        var padded = padding > 0 ? nn.functional.pad(x, [padding, padding]) : x;   // [1, C, T + 2p]
        var cols = padded[0].unfold(1, k, stride).transpose(0, 1).reshape(-1, width); // [T', C·k]: row t = window of step t
        using var threads = IntraOpThreads.ForLargeProduct(weight.numel());
        var y = nn.functional.linear(cols, weight.view(outChannels, width), conv.bias); // [T', O]
        return y.t().unsqueeze(0);                                                  // [1, O, T']
    }

    /// <summary>
    /// <paramref name="conv"/> (a ConvTranspose1d) on x [B, C, T] with the module's own <paramref name="stride"/> and
    /// <paramref name="padding"/> (no output padding, dilation 1, groups 1): y = xᵀ·W [T, O·k], whose rows are then
    /// overlap-added at stride s (col2im, <c>fold</c>) and cropped by the padding. Returns [B, O, (T − 1)·s − 2p + k].
    /// </summary>
    public static Tensor ConvTranspose1d(ConvTranspose1d conv, Tensor x, long padding, long stride)
    {
        var weight = conv.weight!;                                                 // [C, O, k]
        if (x.shape[0] != 1 || weight.numel() < MinWeightNumel) return conv.forward(x);
        long inChannels = weight.shape[0], outChannels = weight.shape[1], k = weight.shape[2];
        var length = (x.shape[2] - 1) * stride - 2 * padding + k;
        Tensor y;
        using (IntraOpThreads.ForLargeProduct(weight.numel()))
            y = x[0].t().mm(weight.view(inChannels, outChannels * k));            // [T, O·k]: the k taps of every step
        var folded = nn.functional.fold(y.t().unsqueeze(0), (1, length), (1, k), padding: (0, padding), stride: (1, stride));
        var result = folded.view(1, outChannels, length);                          // [1, O, T_out]
        return conv.bias is { } bias ? result + bias.view(outChannels, 1) : result;
    }
}
