using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>Argument checks shared by the toy samplers.</summary>
internal static class ToySampling
{
    public static void Check(int n, Generator generator, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of samples must be ≥ 0.");
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"Toy data comes as Float32 or Float64, not {dtype}.", nameof(dtype));
    }
}
