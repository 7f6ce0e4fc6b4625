using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

public static partial class Sampling
{
    /// <summary>
    /// Linear multistep (Adams-Bashforth on a non-uniform σ grid; k-diffusion sample_lms, order default 4): x_{i+1} =
    /// x_i + Σ_j c_j·d_{i−j}, where c_j integrates the Lagrange basis polynomial of node σ_{i−j} over [σ_i, σ_{i+1}].
    /// The first steps use the orders available so far.
    /// </summary>
    public static Tensor Lms(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var order = options.Order ?? 4;
        var derivatives = new List<Tensor>();                                                 // newest last
        try
        {
            return SamplerLoop.Run(x, sigmas, options, noise, (i, x, _) =>
            {
                var denoised = SamplerLoop.Denoise(denoise, x, sigmas[i], i);
                derivatives.Add(SamplerLoop.Keep(SamplerLoop.ToD(x, sigmas[i], denoised), null));
                if (derivatives.Count > order) { derivatives[0].Dispose(); derivatives.RemoveAt(0); }
                onStep?.Invoke(new SampleStep(i, sigmas[i], sigmas[i], x, denoised));
                var currentOrder = Math.Min(i + 1, order);
                var next = x;
                for (var j = 0; j < currentOrder; j++)
                    next = next + LmsCoefficient(currentOrder, sigmas, i, j) * derivatives[^(j + 1)];
                return next;
            });
        }
        finally
        {
            foreach (var d in derivatives) d.Dispose();
        }
    }

    /// <summary>
    /// ∫_{σ_i}^{σ_{i+1}} Π_{k≠j} (τ − σ_{i−k})/(σ_{i−j} − σ_{i−k}) dτ, the weight of d_{i−j} in an order-p Adams-Bashforth
    /// step (k-diffusion linear_multistep_coeff). The integrand has degree p − 1, so p Gauss-Legendre nodes are exact.
    /// </summary>
    public static double LmsCoefficient(int order, double[] sigmas, int i, int j)
    {
        if (order - 1 > i) throw new ArgumentException($"Order {order} is too high for step {i}: only {i + 1} derivatives exist.");
        if (j < 0 || j >= order) throw new ArgumentOutOfRangeException(nameof(j), j, $"j must be in [0, {order}).");
        double Basis(double tau)
        {
            var product = 1.0;
            for (var k = 0; k < order; k++)
                if (k != j) product *= (tau - sigmas[i - k]) / (sigmas[i - j] - sigmas[i - k]);
            return product;
        }
        return GaussLegendre.Integrate(Basis, sigmas[i], sigmas[i + 1], Math.Max(order, 2));
    }
}
