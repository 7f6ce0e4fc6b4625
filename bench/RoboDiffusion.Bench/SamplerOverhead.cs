using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Bench;

/// <summary>
/// Sampler overhead per step without a network: each sampler of the core with a trivial denoiser, against a hand-written
/// TorchSharp Euler loop making the same number of denoiser calls.
/// </summary>
internal static class SamplerOverhead
{
    public static IEnumerable<string> Run(int batch, int steps, int repeats)
    {
        Denoiser cheap = (x, sigma) => x * (1.0 / (1.0 + sigma.square())).view(-1, 1);   // D for data ~ N(0, I)
        var sigmas = SigmaGrids.Karras(steps, 0.002, 80);
        var z = randn([batch, 2], generator: new Generator(0));
        for (var w = 0; w < 20; w++) RawEuler(cheap, z * 80, sigmas, steps).Dispose();   // warm libtorch's pools and the JIT
        yield return $"| sampler | calls/step | µs per call (ours) | µs per call (raw loop) | ratio |";
        yield return "|---|---|---|---|---|";
        foreach (var kind in SamplerRegistry.Kinds)
        {
            var calls = 0;
            Denoiser counted = (x, s) => { calls++; return cheap(x, s); };
            calls = 0;
            SamplerRegistry.Sample(kind, counted, z * 80, sigmas, new SamplerOptions { Seed = 1 }).Dispose();
            var perRun = calls;
            var (ours, raw) = Timing.MedianPair(
                () => SamplerRegistry.Sample(kind, cheap, z * 80, sigmas, new SamplerOptions { Seed = 1 }).Dispose(),
                () => RawEuler(cheap, z * 80, sigmas, perRun).Dispose(),
                repeats);
            yield return $"| {SamplerRegistry.Name(kind)} | {(double)perRun / steps:F0} | {ours / perRun * 1e6:F1} | " +
                         $"{raw / perRun * 1e6:F1} | {ours / raw:F2} |";
        }
    }

    /// <summary>The baseline: the plainest TorchSharp loop with <paramref name="calls"/> denoiser calls.</summary>
    private static Tensor RawEuler(Denoiser denoise, Tensor x, double[] sigmas, int calls)
    {
        using var _ = no_grad();
        var n = sigmas.Length - 1;
        for (var k = 0; k < calls; k++)
        {
            using var scope = NewDisposeScope();
            var i = k % n;
            var sigma = full([x.shape[0]], sigmas[i]);
            var d = (x - denoise(x, sigma)) / sigmas[i];
            x = (x + d * (sigmas[i + 1] - sigmas[i])).MoveToOuterDisposeScope();
        }
        return x;
    }
}
