using RoboDiffusion.Diffusion;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

/// <summary>
/// A minimal Euler sampler for the guidance tests only (the library's samplers live elsewhere):
/// x ← x + (σ_next − σ)·(x − D(x; σ))/σ (Karras et al. 2022, Alg. 2 without churn); σ_next = 0 gives x = D.
/// </summary>
internal static class TestEuler
{
    public static Tensor Sample(Denoiser denoise, Tensor x, IReadOnlyList<double> sigmas)
    {
        for (var i = 0; i < sigmas.Count - 1; i++)
        {
            using var scope = NewDisposeScope();
            var denoised = denoise(x, DenoiserExtensions.SigmaLike(x, sigmas[i]));
            x = (x + (sigmas[i + 1] - sigmas[i]) * (x - denoised) / sigmas[i]).MoveToOuterDisposeScope();
        }
        return x;
    }
}
