using RoboDiffusion.Cli;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Cli;

[Collection("Console")]
public sealed class ToyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("robodiff-toy-").FullName;

    public ToyCommandTests() => TorchRuntime.Initialize();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Zero_initial_noise_stays_at_the_mixture_mean_and_is_written_as_npy()
    {   // GMM8 is symmetric about 0, so D(0; σ) = 0 for every σ: Euler from x = σ_max·0 never leaves the origin.
        var init = Path.Combine(_dir, "z.npy");
        var output = Path.Combine(_dir, "samples.npy");
        NpyFile.Write(init, zeros(16, 2, dtype: ScalarType.Float32));
        var code = RobodiffApp.Build().Parse(["toy", "--dataset", "gmm8", "--denoiser", "exact", "--sampler", "euler",
            "--steps", "10", "--init", init, "--out", output]).Invoke();
        Assert.Equal(0, code);
        var samples = NpyFile.ReadTensor(output);
        Assert.Equal([16L, 2L], samples.shape);
        Assert.Equal(0.0, samples.abs().max().to_type(ScalarType.Float64).item<double>(), 12);
    }

    [Fact]
    public void Plot_option_writes_a_png()
    {
        var plot = Path.Combine(_dir, "s.png");
        var code = RobodiffApp.Build().Parse(["toy", "--denoiser", "exact", "--steps", "4", "--n", "200",
            "--out", Path.Combine(_dir, "s.npy"), "--plot", plot]).Invoke();
        Assert.Equal(0, code);
        var bytes = File.ReadAllBytes(plot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Theory]
    [InlineData("--sampler", "eulerr", "dpmpp_2m")]
    [InlineData("--schedule", "karas", "karras")]
    [InlineData("--dataset", "moon", "swissroll")]
    [InlineData("--steps", "0", "at least 1")]
    public void Bad_options_fail_with_exit_code_2_and_a_message_naming_the_problem(string option, string value, string expected)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var code = RobodiffApp.Build().Parse(["toy", "--denoiser", "exact", option, value, "--out", Path.Combine(_dir, "x.npy")]).Invoke();
            Assert.Equal(2, code);
        }
        finally { Console.SetError(previous); }
        Assert.Contains(expected, error.ToString());
    }
}
