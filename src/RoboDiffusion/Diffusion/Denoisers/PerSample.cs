using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>Broadcasting of per-sample [B] factors against batched tensors [B, …].</summary>
internal static class PerSample
{
    /// <summary><paramref name="values"/> [B] reshaped to [B, 1, …, 1] in <paramref name="like"/>'s dtype and device.</summary>
    public static Tensor Expand(Tensor values, Tensor like)
    {
        var shape = new long[like.dim()];
        Array.Fill(shape, 1L);
        shape[0] = like.shape[0];
        return values.to(like.dtype, like.device).view(shape);
    }

    /// <summary>Throws unless σ is a [B] tensor matching the batch of <paramref name="x"/> with no negative or NaN entry.</summary>
    public static void CheckSigma(Tensor x, Tensor sigma)
    {
        if (x.dim() < 1) throw new ArgumentException("x must have a batch dimension, [B, …].", nameof(x));
        if (sigma.dim() != 1 || sigma.shape[0] != x.shape[0])
            throw new ArgumentException(
                $"σ must have shape [B] = [{x.shape[0]}] to match x {Format(x.shape)}, got {Format(sigma.shape)}.", nameof(sigma));
        using var scope = NewDisposeScope();
        if (!sigma.ge(0).all().item<bool>())                                    // NaN ≥ 0 is false too: one test for both
            throw new ArgumentOutOfRangeException(nameof(sigma), "σ must be ≥ 0 and not NaN.");
    }

    /// <summary>Throws unless the network output has the shape of its input.</summary>
    public static void CheckOutput(Tensor output, Tensor input)
    {
        if (!output.shape.SequenceEqual(input.shape))
            throw new InvalidOperationException(
                $"The network returned {Format(output.shape)} for an input of shape {Format(input.shape)}; they must match.");
    }

    public static string Format(long[] shape) => $"[{string.Join(", ", shape)}]";
}
