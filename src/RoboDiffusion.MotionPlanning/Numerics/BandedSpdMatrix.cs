namespace RoboDiffusion.MotionPlanning.Numerics;

/// <summary>
/// A symmetric positive definite matrix with half-bandwidth b, stored as its lower band, solved by banded Cholesky in
/// O(n·b²) (Golub &amp; Van Loan, Matrix Computations, Alg. 4.3.5). GPMP2's normal equations are banded because every
/// factor couples only neighbouring support states.
/// </summary>
internal sealed class BandedSpdMatrix(int n, int bandwidth)
{
    private readonly double[] _a = new double[n * (bandwidth + 1)];   // A[i, j], i − b ≤ j ≤ i, at i·(b+1) + (i − j)

    public int N => n;

    public void Clear() => Array.Clear(_a);

    /// <summary>Adds v to A[i, j] (and, by symmetry, A[j, i]).</summary>
    public void Add(int i, int j, double v)
    {
        if (j > i) (i, j) = (j, i);
        if (i - j > bandwidth) throw new ArgumentOutOfRangeException(nameof(j), $"Entry ({i}, {j}) lies outside the band {bandwidth}.");
        _a[i * (bandwidth + 1) + (i - j)] += v;
    }

    public double Diagonal(int i) => _a[i * (bandwidth + 1)];

    /// <summary>Solves A x = rhs in place; <paramref name="factor"/> receives L (A is kept).</summary>
    public void Solve(Span<double> rhs, double[] factor)
    {
        var w = bandwidth + 1;
        Array.Copy(_a, factor, _a.Length);
        for (var j = 0; j < n; j++)
        {
            var s = factor[j * w];
            for (var k = Math.Max(0, j - bandwidth); k < j; k++) s -= Sq(factor[j * w + (j - k)]);
            if (!(s > 0)) throw new InvalidOperationException($"Matrix is not positive definite (pivot {j} = {s}).");
            var ljj = factor[j * w] = Math.Sqrt(s);
            for (var i = j + 1; i <= Math.Min(n - 1, j + bandwidth); i++)
            {
                var t = factor[i * w + (i - j)];
                for (var k = Math.Max(0, i - bandwidth); k < j; k++) t -= factor[i * w + (i - k)] * factor[j * w + (j - k)];
                factor[i * w + (i - j)] = t / ljj;
            }
        }
        for (var i = 0; i < n; i++)
        {   // L y = rhs
            var t = rhs[i];
            for (var j = Math.Max(0, i - bandwidth); j < i; j++) t -= factor[i * w + (i - j)] * rhs[j];
            rhs[i] = t / factor[i * w];
        }
        for (var i = n - 1; i >= 0; i--)
        {   // Lᵀ x = y
            var t = rhs[i];
            for (var j = i + 1; j <= Math.Min(n - 1, i + bandwidth); j++) t -= factor[j * w + (j - i)] * rhs[j];
            rhs[i] = t / factor[i * w];
        }
    }

    public double[] NewFactorBuffer() => new double[_a.Length];

    private static double Sq(double v) => v * v;
}
