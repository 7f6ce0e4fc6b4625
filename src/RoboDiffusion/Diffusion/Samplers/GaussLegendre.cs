namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>
/// Gauss-Legendre quadrature: n nodes integrate polynomials of degree ≤ 2n − 1 exactly (Abramowitz &amp; Stegun 25.4.29).
/// Nodes are the roots of P_n, found by Newton's method from the Chebyshev-like guess cos(π(k − ¼)/(n + ½)).
/// </summary>
internal static class GaussLegendre
{
    /// <summary>∫_a^b f(τ) dτ with <paramref name="n"/> nodes (exact for polynomials of degree ≤ 2n − 1).</summary>
    public static double Integrate(Func<double, double> f, double a, double b, int n)
    {
        var (nodes, weights) = Rule(n);
        double half = (b - a) / 2, mid = (a + b) / 2, sum = 0;
        for (var k = 0; k < n; k++) sum += weights[k] * f(mid + half * nodes[k]);
        return half * sum;
    }

    /// <summary>Nodes on [−1, 1] and their weights 2/((1 − x²)·P_n'(x)²).</summary>
    public static (double[] Nodes, double[] Weights) Rule(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Gauss-Legendre needs at least one node.");
        var nodes = new double[n];
        var weights = new double[n];
        for (var k = 0; k < n; k++)
        {
            var x = Math.Cos(Math.PI * (k + 0.75) / (n + 0.5));
            double derivative = 0;
            for (var iter = 0; iter < 100; iter++)
            {
                (var p, derivative) = Legendre(n, x);
                var dx = p / derivative;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }
            (_, derivative) = Legendre(n, x);
            nodes[k] = x;
            weights[k] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }

    /// <summary>P_n(x) and P_n'(x) by Bonnet's recurrence (k+1)P_{k+1} = (2k+1)xP_k − kP_{k−1}.</summary>
    private static (double P, double Derivative) Legendre(int n, double x)
    {
        double p0 = 1, p1 = x;
        for (var k = 1; k < n; k++) (p0, p1) = (p1, ((2 * k + 1) * x * p1 - k * p0) / (k + 1));
        return (p1, n * (x * p1 - p0) / (x * x - 1));
    }
}
