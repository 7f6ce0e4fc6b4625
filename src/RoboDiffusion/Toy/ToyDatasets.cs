using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>
/// The 2-D toy distributions by name, each drawn from a seeded <see cref="Generator"/> as [n, 2]:
/// "gmm8" (<see cref="GaussianMixture.Gmm8"/>: 8 Gaussians of std 0.5 on a circle of radius 4), "moons" (<see cref="Moons"/>),
/// "swissroll" (<see cref="SwissRoll"/>) and "checkerboard" (<see cref="Checkerboard"/>), all with their default scales.
/// </summary>
public static class ToyDatasets
{
    private static readonly Dictionary<string, Func<int, Generator, ScalarType, Tensor>> Samplers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gmm8"] = (n, g, dtype) => GaussianMixture.Gmm8().Sample(n, g, dtype),
        ["moons"] = (n, g, dtype) => Moons.Sample(n, g, dtype: dtype),
        ["swissroll"] = (n, g, dtype) => SwissRoll.Sample(n, g, dtype: dtype),
        ["checkerboard"] = (n, g, dtype) => Checkerboard.Sample(n, g, dtype),
    };

    /// <summary>The valid dataset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gmm8", "moons", "swissroll", "checkerboard"];

    /// <summary>Draws <paramref name="n"/> points [n, 2] of the named dataset (name case-insensitive).</summary>
    public static Tensor Sample(string name, int n, Generator generator, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Samplers.TryGetValue(name, out var sample))
            throw new ArgumentException($"Unknown toy dataset '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));
        ToySampling.Check(n, generator, dtype);
        return sample(n, generator, dtype);
    }
}
