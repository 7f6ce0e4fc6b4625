using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoboDiffusion.Runtime;
using Spectre.Console;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// `robodiff bench policy`: times our Diffusion Policy, then the PyTorch reference in a subprocess (one after the other,
/// never both at once), and prints TorchSharp/PyTorch ratios against the goals (issue 4 §4). Progress goes to stderr.
/// </summary>
internal static class PolicyBenchRunner
{
    public static int Run(PolicyBenchOptions options)
    {
        if (!OmpWaitEnvironment.Satisfied(options.OmpWait, OmpWaitEnvironment.Current))
        {
            var wanted = options.OmpWait.ToString().ToUpperInvariant();
            Console.Error.WriteLine($"bench: re-running with {OmpWaitEnvironment.Variable}={wanted} (libtorch reads it at load; --omp-wait inherit keeps the environment)");
            return OmpWaitEnvironment.Rerun(options.OmpWait);
        }
        using var threads = TorchRuntime.Threads(options.Threads);
        if (options.MemorySteps > 0) return MemoryCheck.Run(options, Console.Out);

        Console.Error.WriteLine($"bench: {Setup(options, null)}");
        var ours = TorchSharpPolicyBench.Run(options, Console.Error);
        var pytorch = options.NoPyTorch ? null : PyTorchReference.Run(options, Console.Error);
        var rows = BenchReport.Rows(options.ResolvedSizes(), ours, pytorch);
        var setup = Setup(options, PyTorchVersion(pytorch));
        AnsiConsole.Write(BenchReport.Table(rows));
        Console.WriteLine(setup);
        Console.WriteLine(BenchReport.ChunkNote);
        Console.WriteLine(BenchReport.TrainNote);
        if (pytorch is null)
            Console.WriteLine(options.NoPyTorch ? "PyTorch reference skipped (--no-pytorch)."
                : $"PyTorch reference unavailable (see above); to get it, {PyTorchReference.SetupHint}.");
        if (options.JsonPath is { } json)
            File.WriteAllText(json, BenchReport.Json(rows, pytorch, SetupJson(options, PyTorchVersion(pytorch)))
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (options.MarkdownPath is { } md) File.WriteAllText(md, BenchReport.Markdown(rows, setup));
        return 0;
    }

    private static string Setup(PolicyBenchOptions o, string? pytorchVersion) => string.Create(CultureInfo.InvariantCulture,
        $"TorchSharp (libtorch {TorchRuntime.LibTorchVersion}) vs PyTorch {pytorchVersion ?? "–"}: float32, {o.Threads} thread{(o.Threads == 1 ? "" : "s")}, " +
        $"{OmpWaitEnvironment.Variable}={OmpWaitEnvironment.Current ?? "(unset)"}, horizon 16, action dim 2, global cond 40, " +
        $"sizes {string.Join(", ", o.ResolvedSizes().Select(s => $"{s.Label} [{s.DimsText}]/{s.StepEmbed}"))}" +
        $"{(o.Quick ? ", --quick (few repetitions)" : "")}, load average {LoadAverage()}.");

    private static JsonObject SetupJson(PolicyBenchOptions o, string? pytorchVersion) => new()
    {
        ["libtorch"] = TorchRuntime.LibTorchVersion, ["pytorch"] = pytorchVersion, ["threads"] = o.Threads,
        ["omp_wait_policy"] = OmpWaitEnvironment.Current, ["quick"] = o.Quick, ["dtype"] = "float32",
        ["horizon"] = 16, ["action_dim"] = 2, ["global_cond_dim"] = 40, ["load_average"] = LoadAverage(),
        ["sizes"] = new JsonArray([.. o.ResolvedSizes().Select(s => (JsonNode)new JsonObject
        {
            ["label"] = s.Label, ["down_dims"] = new JsonArray([.. s.DownDims.Select(d => (JsonNode)d)]), ["step_embed"] = s.StepEmbed,
        })]),
    };

    private static string? PyTorchVersion(JsonObject? pytorch) =>
        pytorch?.Select(p => p.Value?["torch"]?.GetValue<string>()).FirstOrDefault(v => v is not null);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
