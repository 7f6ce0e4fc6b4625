using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

/// <summary>Bit-for-bit comparison for the guidance tests: same shape and every entry equal.</summary>
internal static class Exact
{
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
