using RoboDiffusion.Cli;
using RoboDiffusion.Runtime;

namespace RoboDiffusion.Tests.Cli.Bench;

[Collection("Console")]
public sealed class DiffuserBenchTests : IDisposable
{
    private readonly string _configs = Directory.CreateTempSubdirectory("rd-bench-diffuser-").FullName;

    public DiffuserBenchTests() => TorchRuntime.Initialize();

    public void Dispose() => Directory.Delete(_configs, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try { return (RobodiffApp.Build().Parse(args).Invoke(), output.ToString(), error.ToString()); }
        finally { Console.SetOut(savedOut); Console.SetError(savedError); }
    }

    /// <summary>A tiny U-Maze config: H = 16, 24 training steps, channels [8, 16].</summary>
    private void WriteTinyConfig() => File.WriteAllText(Path.Combine(_configs, "maze2d_umaze.yaml"), """
        method: diffuser
        dataset: unused
        planner:
          horizon: 16
          unet: { down_dims: [8, 16], diffusion_step_embed_dim: 8, n_groups: 4, cond_predict_scale: false }
          objective: { parameterization: sample, schedule: { num_train_timesteps: 24, schedule: squaredcos_cap_v2 } }
        training: { steps: 1, output_dir: unused }
        """);

    [Fact]
    public void Each_maze_gets_ddpm_over_every_training_step_and_two_dpm_solver_rows_with_ddpm_as_baseline()
    {
        WriteTinyConfig();
        var md = Path.Combine(_configs, "bench.md");
        var (code, _, error) = Invoke("bench", "diffuser", "--configs", _configs, "--mazes", "umaze", "--batch", "1,3",
            "--budget", "0.01", "--threads", "1", "--markdown", md);
        Assert.True(code == 0, error);
        var rows = File.ReadAllLines(md).Where(l => l.StartsWith("| umaze", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
        Assert.Equal(6, rows.Count);                                                   // 2 batches × (DDPM, 20, 10 steps)
        Assert.Equal(["ddpm", "dpmpp_2m", "dpmpp_2m"], rows.Take(3).Select(r => r[3].Trim()));
        Assert.Equal(["24", "20", "10"], rows.Take(3).Select(r => r[4].Trim()));
        Assert.Equal(["1", "1", "1", "3", "3", "3"], rows.Select(r => r[5].Trim()));
        Assert.All(rows.Where((_, i) => i % 3 == 0), r => Assert.Equal("1.0×", r[8].Trim()));   // DDPM against itself
        Assert.All(rows, r => Assert.True(double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public void An_unknown_maze_is_an_error_listing_the_mazes()
    {
        var (code, _, error) = Invoke("bench", "diffuser", "--mazes", "umaze,mediun");
        Assert.Equal(2, code);
        Assert.Contains("mediun", error);
        Assert.Contains("umaze, medium, large", error);
    }

    [Fact]
    public void A_batch_that_is_not_a_positive_integer_is_an_error()
    {
        var (code, _, error) = Invoke("bench", "diffuser", "--batch", "1,0");
        Assert.Equal(2, code);
        Assert.Contains("--batch: '0'", error);
    }

    [Fact]
    public void A_missing_config_names_the_file()
    {
        var (code, _, error) = Invoke("bench", "diffuser", "--configs", _configs, "--mazes", "large");
        Assert.Equal(2, code);
        Assert.Contains("maze2d_large.yaml", error);
    }
}
