using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>
/// Uniform on the 8 dark squares of a 4×4 checkerboard over [−4, 4]², squares of side 2 (the FFJORD toy set,
/// Grathwohl et al. 2019): a point (x, y) is on the board iff ⌊x/2⌋ + ⌊y/2⌋ is even. Mean 0; each coordinate is
/// marginally U(−4, 4) (variance 16/3).
/// </summary>
public static class Checkerboard
{
    /// <summary>Half the board's side: the board is [−HalfWidth, HalfWidth]².</summary>
    public const double HalfWidth = 4.0;

    /// <summary>Draws <paramref name="n"/> points [n, 2] from <paramref name="generator"/>.</summary>
    public static Tensor Sample(int n, Generator generator, ScalarType dtype = ScalarType.Float32)
    {
        ToySampling.Check(n, generator, dtype);
        using var scope = NewDisposeScope();
        // On unit squares over [−2, 2]²: x uniform; y in one of the two rows of matching parity within x's column.
        var x = rand(n, dtype: ScalarType.Float64, generator: generator) * 4 - 2;
        var row = randint(0, 2, [n], dtype: ScalarType.Float64, generator: generator);   // 0 or 1
        var parity = x.floor().remainder(2);                                               // Python-style: 0 or 1
        var y = rand(n, dtype: ScalarType.Float64, generator: generator) - 2 * row + parity;
        return (stack([x, y], 1) * 2).to(dtype).MoveToOuterDisposeScope();                 // [n, 2] on [−4, 4]²
    }
}
