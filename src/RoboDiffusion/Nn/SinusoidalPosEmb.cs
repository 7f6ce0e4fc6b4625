using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Sinusoidal embedding of a scalar per sample (Vaswani et al. 2017, §3.5; as diffusion_policy's SinusoidalPosEmb):
/// with h = dim/2 and f_i = exp(−i·ln(10000)/(h−1)), i = 0..h−1, emb(t) = [sin(t·f_0..h−1), cos(t·f_0..h−1)] (sin half first).
/// Maps [B] → [B, dim] in the input's dtype; it has no parameters.
/// </summary>
public sealed class SinusoidalPosEmb : nn.Module<Tensor, Tensor>
{
    /// <summary>Embedding width; even and at least 4 so that h − 1 &gt; 0.</summary>
    public int Dim { get; }

    /// <summary>The frequencies for the last dtype and device used; in a holder so that it is no registered buffer.</summary>
    private FrequencyCache? cache;

    private sealed record FrequencyCache(Tensor Values, ScalarType Dtype, Device Device);

    public SinusoidalPosEmb(int dim) : base(nameof(SinusoidalPosEmb))
    {
        if (dim < 4 || dim % 2 != 0) throw new ArgumentException($"Embedding dim must be even and ≥ 4, got {dim}.", nameof(dim));
        Dim = dim;
        RegisterComponents();
    }

    /// <summary>The h frequencies f_i = exp(−i·ln(10000)/(h−1)).</summary>
    public static Tensor Frequencies(int dim, ScalarType dtype, Device? device = null)
    {
        var half = dim / 2;
        var scale = Math.Log(10000.0) / (half - 1);
        return exp(arange(half, dtype: dtype, device: device) * -scale);
    }

    public override Tensor forward(Tensor t)
    {
        if (t.dim() != 1) throw new ArgumentException($"Expected noise levels of shape [B], got [{string.Join(", ", t.shape)}].");
        using var scope = NewDisposeScope();
        var dtype = t.is_floating_point() ? t.dtype : ScalarType.Float32;
        var angles = t.to(dtype).unsqueeze(1) * CachedFrequencies(dtype, t.device).unsqueeze(0);  // [B, h]
        return cat([angles.sin(), angles.cos()], dim: 1).MoveToOuterDisposeScope();               // [B, dim]
    }

    /// <summary><see cref="Frequencies"/> computed once per dtype and device (three kernels less per call).</summary>
    private Tensor CachedFrequencies(ScalarType dtype, Device device)
    {
        if (cache is { } c && c.Dtype == dtype && c.Device.type == device.type && c.Device.index == device.index) return c.Values;
        using (no_grad())
            cache = new FrequencyCache(Frequencies(Dim, dtype, device).DetachFromDisposeScope(), dtype, device);
        return cache.Values;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) cache?.Values.Dispose();
        base.Dispose(disposing);
    }
}
