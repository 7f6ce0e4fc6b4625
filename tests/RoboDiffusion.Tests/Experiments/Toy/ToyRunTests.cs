using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Evaluation;
using RoboDiffusion.Experiments.Toy;
using RoboDiffusion.Runtime;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Experiments.Toy;

public sealed class ToyRunTests
{
    public ToyRunTests() => TorchRuntime.Initialize();

    /// <summary>
    /// A Gaussian with the data's mean and covariance: GMM8 has mean 0 and covariance (8 + 0.25)·I (radius-4 circle:
    /// E[x²] = 16/2 per axis, plus the components' 0.5²). A model that learned only two moments scores like this.
    /// </summary>
    private static double MomentMatchedGaussianDistance(int n)
    {
        var gauss = randn([n, 2], dtype: ScalarType.Float64, generator: new Generator(123)) * Math.Sqrt(8.25);
        var data = RoboDiffusion.Toy.ToyDatasets.Sample("gmm8", n, new Generator(3), ScalarType.Float64);
        return SlicedWasserstein.Distance(gauss, data, new Generator(4));
    }

    [Fact]
    public void Exact_gmm8_denoiser_with_heun_reaches_the_sampling_noise_floor()
    {
        var result = ToyRun.Run(new ToyRunConfig
        {
            Denoiser = ToyDenoiserKind.Exact, Sampler = SamplerKind.Heun, Grid = new SigmaGridSpec { Steps = 32 }, Samples = 2000,
        });
        Assert.Equal([2000L, 2L], result.Samples.shape);
        Assert.True(result.SlicedWasserstein < 1.6 * result.NoiseFloor,
            $"SW {result.SlicedWasserstein:F4} should be near the data-vs-data floor {result.NoiseFloor:F4}");
    }

    [Fact]
    public void A_small_mlp_trained_for_1500_steps_learns_gmm8()
    {   // Issue 2 §3: a distance to the data below a bound. The bound: far better than the moment-matched Gaussian.
        // Its wall time (under a minute on an idle machine) is reported in docs/results.md, not asserted: a loaded machine is slower.
        var result = ToyRun.Run(new ToyRunConfig
        {
            TrainSteps = 1500, BatchSize = 256, Samples = 2000,
            Training = new ToyRunConfig().Training with { Progress = ProgressMode.None },
        });
        Assert.Equal(1500L, result.Training!.Step);
        var gaussian = MomentMatchedGaussianDistance(2000);
        Assert.True(result.SlicedWasserstein < 0.35 * gaussian,
            $"SW {result.SlicedWasserstein:F4} vs moment-matched Gaussian {gaussian:F4} (floor {result.NoiseFloor:F4})");
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples()
    {
        var config = new ToyRunConfig
        {
            Denoiser = ToyDenoiserKind.Exact, Sampler = SamplerKind.DpmPp2MSde, Grid = new SigmaGridSpec { Steps = 8 }, Samples = 64, Seed = 7,
        };
        var a = ToyRun.Run(config).Samples;
        var b = ToyRun.Run(config).Samples;
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Fact]
    public void The_exact_denoiser_is_refused_for_datasets_without_a_closed_form()
    {
        var e = Assert.Throws<ArgumentException>(() => ToyRun.Run(new ToyRunConfig { Dataset = "moons", Denoiser = ToyDenoiserKind.Exact }));
        Assert.Contains("gmm8", e.Message);
    }

    [Fact]
    public void Initial_noise_of_the_wrong_shape_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ToyRun.Run(new ToyRunConfig { Denoiser = ToyDenoiserKind.Exact }, zeros(10, 3)));
        Assert.Contains("[n, 2]", e.Message);
    }
}
