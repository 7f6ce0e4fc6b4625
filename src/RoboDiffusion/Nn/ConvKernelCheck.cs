using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Checks libtorch's convolution kernel for one shape and dtype once, on random data, against the same convolution in
/// float64 (libtorch's reference im2col path; oneDNN has no float64), before <see cref="ConvForward"/> trusts it.
/// libtorch 2.10's CPU kernels are wrong on some shapes here, as measured on this AMD EPYC (relative errors of 0.1-0.6,
/// or NaN, where float rounding gives 1e-7 in fp32 and 3e-3 in bf16):
/// <list type="bullet">
/// <item>fp32 ConvTranspose1d at batch ≥ 2 with 32m + 1 … 32m + 16 output channels (m ≥ 1: 33-48, 65-80, …);</item>
/// <item>the gradients of fp32 Conv1d (k = 5) on most shapes with fewer than 16 output channels;</item>
/// <item>bf16 Conv1d and ConvTranspose1d whenever a channel count is not a multiple of 16.</item>
/// </list>
/// A broken kernel is not always wrong: the fp32 Conv1d input gradient (16 → 8 channels, k = 5, batch 4) came out wrong
/// on every call with one thread but NaN, then right, on two calls with two. So the verdict is per thread count and
/// needs <see cref="Trials"/> agreeing runs.
/// The same check guards the bf16 Conv2d of the image encoders.
/// The networks shipped here avoid those shapes, but configs are the user's; a shape that fails gets another path.
/// </summary>
internal static class ConvKernelCheck
{
    private static readonly ConcurrentDictionary<Key, bool> Verdicts = new();

    /// <summary>
    /// Which convolution: plain or transposed, 1-D or 2-D (<paramref name="Dims"/>), with its stride and padding (the
    /// same on both axes in 2-D).
    /// </summary>
    public readonly record struct Kind(bool Transposed, long Stride, long Padding, int Dims = 1);

    /// <summary>Runs of the kernel that must all agree with float64 before it is trusted.</summary>
    public const int Trials = 3;

    private readonly record struct Key(Kind Kind, ScalarType Dtype, Shape X, Shape Weight, bool Grads, int Threads);

    /// <summary>A tensor shape of rank 3 or 4 as a value (rank-3 shapes end in 0).</summary>
    private readonly record struct Shape(long D0, long D1, long D2, long D3)
    {
        public static Shape Of(long[] s) => s.Length switch
        {
            3 => new(s[0], s[1], s[2], 0),
            4 => new(s[0], s[1], s[2], s[3]),
            _ => throw new ArgumentException($"Expected a convolution operand of rank 3 or 4, got [{string.Join(", ", s)}]."),
        };
    }

    /// <summary>Largest relative error (‖y − y₆₄‖ / ‖y₆₄‖, and the same for gradients) a dtype may show.</summary>
    public static double Tolerance(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => 1e-4,
        _ => 0.02,   // bf16, half: 8-11 significant bits
    };

    /// <summary>
    /// Whether <paramref name="kernel"/> in <paramref name="dtype"/> is right for inputs shaped like
    /// <paramref name="x"/> and <paramref name="weight"/> (gradients included when autograd is on).
    /// </summary>
    public static bool IsRight(Kind kind, ScalarType dtype, Tensor x, Tensor weight, MixedPrecision.ConvOp kernel)
    {
        if (dtype == ScalarType.Float64) return true;   // the reference itself
        var grads = is_grad_enabled() && (x.requires_grad || weight.requires_grad);
        long[] xs = x.shape, ws = weight.shape;         // [B, C, T] and [O, C, k] (transposed: [C, O, k]); 2-D: [B, C, H, W], [O, C, k, k]
        var key = new Key(kind, dtype, Shape.Of(xs), Shape.Of(ws), grads, get_num_threads());
        return Verdicts.GetOrAdd(key, static (k, a) => AgreesWithFloat64(k.Dtype, a.Xs, a.Ws, k.Grads, a.Kernel), (Xs: xs, Ws: ws, Kernel: kernel));
    }

    private static bool AgreesWithFloat64(ScalarType dtype, long[] xShape, long[] weightShape, bool grads, MixedPrecision.ConvOp kernel)
    {
        using var gradMode = grads ? enable_grad() : no_grad();
        using var scope = NewDisposeScope();
        using var generator = new Generator(20_221_206);   // its own stream: the callers' RNG states are untouched
        var x = randn(xShape, float64, generator: generator).requires_grad_(grads);
        var fanIn = weightShape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var w = (randn(weightShape, float64, generator: generator) / Math.Sqrt(fanIn)).requires_grad_(grads);
        Tensor[] Run(ScalarType type)
        {
            var y = kernel(x.to(type), w.to(type), null).to(float64);
            if (!grads) return [y];
            x.grad?.zero_();
            w.grad?.zero_();
            using var weights = new Generator(7);
            (y * randn(y.shape, float64, generator: weights)).sum().backward();
            return [y.detach().clone(), w.grad!.clone(), x.grad!.clone()];
        }
        var reference = Run(float64);
        for (var trial = 0; trial < Trials; trial++)
        {
            var got = Run(dtype);
            for (var i = 0; i < got.Length; i++)
            {
                var error = ((got[i] - reference[i]).norm() / reference[i].norm()).item<double>();
                if (!(error <= Tolerance(dtype))) return false;   // NaN fails too
            }
        }
        return true;
    }
}
