using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Samplers;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>Oracles and helpers shared by the sampler tests.</summary>
internal static class SamplerTestKit
{
    /// <summary>The exact denoiser of 1-D (or per-coordinate) Gaussian data N(m, s²): D = m + s²/(s² + σ²)·(x − m).</summary>
    public static Denoiser Gaussian(double m, double s) =>
        (x, sigma) => m + (x - m) * (s * s / (s * s + sigma.pow(2))).view(-1, 1);

    /// <summary>Noise replayed from a fixed list of tensors, with a log of the (σ, σ_next) pairs it was asked for.</summary>
    public sealed class RecordedNoise(IReadOnlyList<Tensor> draws)
    {
        public List<(double Sigma, double SigmaNext)> Calls { get; } = [];

        public NoiseSampler Sampler => (sigma, next) =>
        {
            Calls.Add((sigma, next));
            return draws[Calls.Count - 1].clone();
        };
    }

    /// <summary>n standard normal tensors shaped [batch, dim] from one seeded generator.</summary>
    public static Tensor[] Draws(int n, long batch, long dim, ulong seed)
    {
        var generator = new Generator(seed);
        return [.. Enumerable.Range(0, n).Select(_ => randn([batch, dim], ScalarType.Float64, generator: generator))];
    }

    /// <summary>Least-squares slope of log₂ error against log₂ steps, negated: the empirical order of convergence.</summary>
    public static double Order(IReadOnlyList<int> steps, IReadOnlyList<double> errors)
    {
        var xs = steps.Select(n => Math.Log2(n)).ToArray();
        var ys = errors.Select(Math.Log2).ToArray();
        double mx = xs.Average(), my = ys.Average();
        var slope = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        return -slope;
    }

    /// <summary>Root-mean-square difference of two tensors.</summary>
    public static double Rms(Tensor a, Tensor b) => (a - b).square().mean().sqrt().item<double>();
}
