using RoboDiffusion.MotionPlanning.Numerics;

namespace RoboDiffusion.Tests.MotionPlanning.Numerics;

public sealed class BandedSpdMatrixTests
{
    [Fact]
    public void Banded_cholesky_solution_satisfies_the_system()
    {   // A = BᵀB + I with B banded is SPD with the same band; check the residual A·x − b.
        const int n = 40, band = 3;
        var random = new Random(3);
        var dense = new double[n, n];
        for (var k = 0; k < n; k++)
        {
            var row = Enumerable.Range(0, band + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (var i = 0; i <= band && k + i < n; i++)
                for (var j = 0; j <= band && k + j < n; j++) dense[k + i, k + j] += row[i] * row[j];
        }
        var a = new BandedSpdMatrix(n, band);
        for (var i = 0; i < n; i++)
        {
            dense[i, i] += 1;
            for (var j = Math.Max(0, i - band); j <= i; j++) a.Add(i, j, dense[i, j]);
        }
        var rhs = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var x = (double[])rhs.Clone();
        a.Solve(x, a.NewFactorBuffer());
        for (var i = 0; i < n; i++)
            Assert.Equal(rhs[i], Enumerable.Range(0, n).Sum(j => dense[i, j] * x[j]), 10);
    }
}
