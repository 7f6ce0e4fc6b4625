using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Checkpoints;

/// <summary>Bit-level tensor comparison (TorchSharp's Tensor.equal is elementwise, unlike torch.equal).</summary>
internal static class TensorBits
{
    /// <summary>Same dtype, same shape and the same bytes.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var ca = a.detach().cpu().contiguous();
        using var cb = b.detach().cpu().contiguous();
        return ca.numel() == 0 || ca.bytes.SequenceEqual(cb.bytes);
    }
}
