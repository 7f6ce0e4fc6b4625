using RoboDiffusion.Data.Io;
using System.CommandLine;
using System.Diagnostics;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Cli.PushT;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Envs.Rendering;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff eval pusht --policy expert|random --episodes N --seed S`: N episodes in parallel on seeds S … S+N−1,
/// scored as in Diffusion Policy (Chi et al., RSS 2023): mean of per-episode max reward, plus the strict success rate
/// (coverage &gt; 0.95). The paper evaluates on seeds 100000…100049 with 300-step episodes.
/// </summary>
internal static class EvalCommand
{
    private const int GifSize = 256;

    public static Command Build()
    {
        var policy = new Option<string>("--policy") { DefaultValueFactory = _ => "expert", Description = $"Policy: {string.Join(" | ", PushTPolicyRegistry.Builtin().Names)} | a trained policy folder (models/…, runs/…/checkpoints/step-…)" };
        var sampler = new Option<string?>("--sampler") { Description = "Sampler of a learned policy (default: its config's, ddpm for the paper's setting)" };
        var steps = new Option<int?>("--steps") { Description = "Sampler steps of a learned policy (default: its config's)" };
        var grid = new Option<string?>("--grid") { Description = "σ grid of a learned policy: leading | trailing | linspace | karras | exponential" };
        var episodes = new Option<int>("--episodes") { DefaultValueFactory = _ => 50, Description = "Number of episodes" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 100000, Description = "First reset seed (the paper's test seeds start at 100000)" };
        var maxSteps = new Option<int>("--max-steps") { DefaultValueFactory = _ => 300, Description = "Steps per episode (300 in the paper's evaluation)" };
        var json = new Option<FileInfo?>("--json") { Description = "Write per-episode seeds, scores, success and steps as JSON" };
        var gif = new Option<FileInfo?>("--gif") { Description = "Write the first episode as an animated GIF (a trained policy: the first four, in a 2×2 grid)" };
        var pusht = new Command("pusht",
            "Evaluate a policy on Push-T.\nExample: robodiff eval pusht --policy expert --episodes 50 --seed 100000 --json eval.json")
        {
            policy, episodes, seed, maxSteps, json, gif, sampler, steps, grid,
        };
        pusht.SetAction(r => CliErrors.Guard("eval pusht", () =>
        {
            var settings = new EvalSettings(r.GetValue(policy)!, r.GetValue(episodes), r.GetValue(seed), r.GetValue(maxSteps));
            var (jsonPath, gifPath) = (r.GetValue(json)?.FullName, r.GetValue(gif)?.FullName);
            var learned = new LearnedOptions(r.GetValue(sampler), r.GetValue(steps), r.GetValue(grid));
            if (Directory.Exists(settings.Policy)) return RunLearned(settings, learned, jsonPath, gifPath);
            if (settings.Policy.Contains('/') || settings.Policy.Contains(Path.DirectorySeparatorChar))
                throw new DirectoryNotFoundException($"Policy folder '{settings.Policy}' does not exist.");
            if (learned != new LearnedOptions(null, null, null))
                throw new ArgumentException($"--sampler, --steps and --grid apply to trained policy folders, not to '{settings.Policy}'.");
            return Run(settings, PushTPolicyRegistry.Builtin(), jsonPath, gifPath);
        }));
        return new Command("eval", "Evaluate policies in simulators.") { pusht, Maze2DEvalCommand.Build() };
    }

    internal sealed record EvalSettings(string Policy, int Episodes, long Seed, int MaxSteps);

    internal sealed record LearnedOptions(string? Sampler, int? Steps, string? Grid);

    /// <summary>A trained policy folder: all episodes in lock step, one batched sampler call per action chunk.</summary>
    internal static int RunLearned(EvalSettings s, LearnedOptions o, string? jsonPath, string? gifPath)
    {
        using var policy = DiffusionPolicy.Load(s.Policy);
        var inference = LearnedPolicyEval.Inference(policy, o.Sampler, o.Steps, o.Grid).Validated();
        var label = $"{SamplerRegistry.Name(inference.Sampler)} × {inference.Steps}";
        var clock = Stopwatch.StartNew();
        var run = LearnedPolicyEval.Run(policy, inference, s.Seed, s.Episodes, s.MaxSteps, gifPath is not null, GifSize, $"eval {label}");
        var summary = PushTEvalSummary.From(run.Episodes, clock.Elapsed.TotalSeconds);
        var name = $"{s.Policy} ({label})";
        if (jsonPath is not null) new PushTEvalReport(name, s.Seed, s.MaxSteps, summary, run.Episodes).Save(jsonPath);
        if (run.GifFrames is { } frames) AtomicFile.WriteVia(gifPath!, temp => GifWriter.Write(temp, frames));
        PrintTable(s with { Policy = name }, summary, jsonPath, gifPath, run.ChunkSeconds);
        return 0;
    }

    private static int Run(EvalSettings s, PushTPolicyRegistry registry, string? jsonPath, string? gifPath)
    {
        var factory = registry.Resolve(s.Policy);
        GifRecorder? gif = gifPath is null ? null : new GifRecorder(GifSize);
        var clock = Stopwatch.StartNew();
        var results = ConsoleProgress.Run($"eval {s.Policy}", s.Episodes, tick => PushTBatch.Run(s.Episodes, s.Seed, s.MaxSteps,
            (seed, env) => PushTBatch.Episode(factory, env, seed, s.MaxSteps, seed == s.Seed ? gif : null), tick));
        var summary = PushTEvalSummary.From(results, clock.Elapsed.TotalSeconds);
        if (jsonPath is not null) new PushTEvalReport(s.Policy, s.Seed, s.MaxSteps, summary, results).Save(jsonPath);
        if (gif is not null) AtomicFile.WriteVia(gifPath!, temp => GifWriter.Write(temp, gif.Frames));
        PrintTable(s, summary, jsonPath, gifPath);
        return 0;
    }

    private static void PrintTable(EvalSettings s, PushTEvalSummary m, string? jsonPath, string? gifPath,
        IReadOnlyList<double>? chunkSeconds = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]robodiff eval pusht[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("policy", Markup.Escape(s.Policy));
        table.AddRow("episodes", $"{m.Episodes} (seeds {s.Seed}…{s.Seed + s.Episodes - 1}, ≤ {s.MaxSteps} steps)");
        table.AddRow("mean score (max reward)", $"[bold]{m.MeanScore:F4}[/]");
        table.AddRow("success rate (coverage > 0.95)", $"{m.SuccessRate:P1}");
        table.AddRow("mean steps", $"{m.MeanSteps:F1}");
        if (chunkSeconds is { Count: > 0 })
            table.AddRow("action-chunk latency", $"{chunkSeconds.Average() * 1000:F0} ms per batched chunk ({chunkSeconds.Count} chunks)");
        table.AddRow("wall time", $"{m.WallSeconds:F1} s ({m.EpisodesPerMinute:F1} episodes/min)");
        if (jsonPath is not null) table.AddRow("json", Markup.Escape(jsonPath));
        if (gifPath is not null) table.AddRow("gif", Markup.Escape(gifPath));
        AnsiConsole.Write(table);
    }
}
