using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// Runs bench/pytorch/policy_bench.py (Debian's python3-torch, /usr/bin/python3) with the same sizes, threads and
/// OpenMP wait policy as our side, and reads its JSON. Missing pieces are reported, never fatal.
/// </summary>
internal static class PyTorchReference
{
    public const string ScriptPath = "bench/pytorch/policy_bench.py";
    public const string SetupHint = "install it with `bench/pytorch/setup.sh` (as root or through sudo; it installs python3-torch)";
    private const string SystemPython = "/usr/bin/python3";

    /// <summary>The script's raw JSON entries keyed "size/case", or null (with the reason on <paramref name="log"/>).</summary>
    public static JsonObject? Run(PolicyBenchOptions options, TextWriter log)
    {
        if (FindScript() is not { } script)
        {
            log.WriteLine($"pytorch    │ skipped: {ScriptPath} not found above the current folder or the robodiff binary.");
            return null;
        }
        var python = File.Exists(SystemPython) ? SystemPython : "python3";
        if (!TorchImportable(python))
        {
            log.WriteLine($"pytorch    │ skipped: {python} cannot import torch; {SetupHint}.");
            return null;
        }
        var json = Path.Combine(Path.GetTempPath(), $"robodiff-policy-bench-{Environment.ProcessId}.json");
        try
        {
            var code = RunProcess(python, [script, .. Arguments(options, json)], line => log.WriteLine($"pytorch    │ {line}"));
            if (code != 0 || !File.Exists(json))
            {
                log.WriteLine($"pytorch    │ skipped: the script exited with code {code}.");
                return null;
            }
            return JsonNode.Parse(File.ReadAllText(json)) as JsonObject;
        }
        finally
        {
            File.Delete(json);
        }
    }

    /// <summary>The script's command line for these options (it writes its JSON to <paramref name="jsonPath"/>).</summary>
    public static IReadOnlyList<string> Arguments(PolicyBenchOptions options, string jsonPath)
    {
        List<string> args =
        [
            "--sizes", string.Join(",", options.Sizes), "--down-dims", string.Join(",", options.DownDims),
            "--step-embed", options.StepEmbed.ToString(CultureInfo.InvariantCulture),
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--omp-wait", options.OmpWait.ToString().ToLowerInvariant(),
            "--budget", options.BudgetSeconds.ToString(CultureInfo.InvariantCulture),
            "--json", jsonPath,
        ];
        if (options.Quick) args.Add("--quick");
        return args;
    }

    /// <summary>One entry of the script's JSON as a timing.</summary>
    public static CaseTiming? Timing(JsonObject? results, string key) =>
        results?[key] is JsonObject e && e["median_s"] is { } median
            ? new CaseTiming(median.Deserialize<double>(), e["min_s"]?.Deserialize<double>() ?? double.NaN,
                e["reps"]?.Deserialize<int>() ?? 0, e["params"]?.Deserialize<long>() ?? 0)
            : null;

    private static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, ScriptPath))) return Path.Combine(dir.FullName, ScriptPath);
        return null;
    }

    /// <summary>Finds torch without importing it (an import takes seconds).</summary>
    private static bool TorchImportable(string python)
    {
        try
        {
            return RunProcess(python, ["-c", "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('torch') else 1)"], _ => { }) == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;   // no python at all
        }
    }

    private static int RunProcess(string file, IReadOnlyList<string> args, Action<string> onLine)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) onLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) onLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
