using System.Diagnostics;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Cli;
using RoboDiffusion.Tests.Policies.DiffusionPolicy;

namespace RoboDiffusion.Tests.Cli;

[Collection("Console")]
public sealed class TrainCommandTests(TinyPushTData data) : IClassFixture<TinyPushTData>
{
    private static (int Code, string Error) Train(params string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try { return (RobodiffApp.Build().Parse(["train", .. args]).Invoke(), error.ToString()); }
        finally { Console.SetError(saved); }
    }

    private string WriteConfig(string yaml)
    {
        var path = Path.Combine(data.NewDir("cfg"), "run.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_misspelt_key_fails_with_exit_code_2_and_names_the_key()
    {
        var config = WriteConfig(data.Yaml(data.NewDir("out")).Replace("batch_size:", "batch_sise:"));
        var (code, error) = Train("--config", config);
        Assert.Equal(2, code);
        Assert.Contains("batch_sise", error);
    }

    [Fact]
    public void Training_into_a_folder_with_checkpoints_needs_resume()
    {
        var output = data.NewDir("again");
        var config = WriteConfig(data.Yaml(output, steps: 4, checkpointEvery: 2));
        Assert.Equal(0, Train("--config", config).Code);
        Assert.True(File.Exists(Path.Combine(output, "config.yaml")));
        Assert.True(File.Exists(Path.Combine(output, "curve.png")));
        var (code, error) = Train("--config", config);
        Assert.Equal(2, code);
        Assert.Contains("--resume", error);
        Assert.Equal(0, Train("--config", config, "--resume").Code);    // already at the last step: nothing to do
    }

    [Fact]
    public void Killing_the_process_and_resuming_gives_the_weights_of_an_uninterrupted_run()
    {
        const long Steps = 300;
        var straight = data.NewDir("straight");
        Assert.Equal(0, Train("--config", WriteConfig(data.Yaml(straight, Steps, checkpointEvery: 10))).Code);

        var killed = data.NewDir("killed");
        var config = WriteConfig(data.Yaml(killed, Steps, checkpointEvery: 10));
        var store = new CheckpointStore(Path.Combine(killed, "checkpoints"));
        using (var child = StartRobodiff("train", "--config", config))
        {
            var clock = Stopwatch.StartNew();
            while (store.Latest() is null && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
            Assert.False(child.HasExited, "the run ended before it could be killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        var stoppedAt = store.List()[^1].Step;
        Assert.InRange(stoppedAt, 10, Steps - 1);
        Assert.Equal(0, Train("--config", config, "--resume").Code);
        foreach (var file in new[] { CheckpointStore.ModelFile, CheckpointStore.EmaFile })
        {
            var a = File.ReadAllBytes(Path.Combine(straight, "checkpoints", $"step-{Steps:D8}", file));
            var b = File.ReadAllBytes(Path.Combine(killed, "checkpoints", $"step-{Steps:D8}", file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs after a kill at step ≥ {stoppedAt} and --resume");
        }
    }

    /// <summary>The robodiff executable copied beside the tests, as a separate process with this process's torch threads.</summary>
    private static Process StartRobodiff(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "robodiff"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // the same libtorch thread count as this process: reductions split across threads round differently
        info.Environment["RD_THREADS"] = TorchSharp.torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("robodiff did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
