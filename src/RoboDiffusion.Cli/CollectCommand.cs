using System.CommandLine;
using System.Diagnostics;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Cli.PushT;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff collect pusht --episodes N --seed S --out DIR [--images]`: the scripted expert plays seeds S … S+N−1 in
/// parallel and the episodes are written as a LeRobot v3.0 dataset (features of <see cref="PushTFeatures"/>).
/// Only successful episodes are kept by default, like the human demonstrations of Diffusion Policy, which all end
/// with the T on the goal; <c>--keep-failures</c> keeps every seed, so episode i is then seed S + i.
/// </summary>
internal static class CollectCommand
{
    private const int ImageSize = 96;          // the image observation of pusht_image_env (render_size 96)

    public static Command Build()
    {
        var episodes = new Option<int>("--episodes") { DefaultValueFactory = _ => 200, Description = "Seeds to play (one episode each)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "First reset seed" };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Dataset folder (LeRobot v3.0 layout)" };
        var images = new Option<bool>("--images") { Description = $"Also record observation.image ({ImageSize}x{ImageSize} RGB, PNG in parquet)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing dataset folder" };
        var keepFailures = new Option<bool>("--keep-failures") { Description = "Keep episodes that did not reach coverage > 0.95" };
        var maxSteps = new Option<int>("--max-steps") { DefaultValueFactory = _ => 300, Description = "Step limit per episode" };
        var pusht = new Command("pusht",
            "Record expert demonstrations of Push-T as a LeRobot dataset.\nExample: robodiff collect pusht --episodes 200 --seed 0 --out data/pusht")
        {
            episodes, seed, output, images, overwrite, keepFailures, maxSteps,
        };
        pusht.SetAction(r => CliErrors.Guard("collect pusht", () => Run(new CollectSettings(
            r.GetValue(episodes), r.GetValue(seed), r.GetValue(output)!.FullName, r.GetValue(images),
            r.GetValue(overwrite), r.GetValue(keepFailures), r.GetValue(maxSteps)))));
        return new Command("collect", "Record demonstration datasets.") { pusht, Maze2DCollectCommand.Build() };
    }

    private sealed record CollectSettings(int Episodes, long Seed, string Out, bool Images, bool Overwrite, bool KeepFailures, int MaxSteps);

    private static int Run(CollectSettings s)
    {
        if (Path.Exists(s.Out) && !s.Overwrite)
            throw new ArgumentException($"{s.Out} already exists; pass --overwrite to replace it.");
        var expert = PushTPolicyRegistry.Builtin().Resolve("expert");
        var clock = Stopwatch.StartNew();
        var played = ConsoleProgress.Run("collect pusht", s.Episodes, tick => PushTBatch.Run(s.Episodes, s.Seed, s.MaxSteps, (seed, env) =>
        {
            var recorder = new PushTDatasetRecorder(s.Images ? ImageSize : null);
            var result = PushTBatch.Episode(expert, env, seed, s.MaxSteps, recorder);
            return (Result: result, Episode: recorder.Build());
        }, tick));
        var kept = played.Where(p => s.KeepFailures || p.Result.Success).ToList();
        if (kept.Count == 0)
            throw new InvalidOperationException($"None of the {s.Episodes} episodes succeeded; nothing to write (use --keep-failures to keep them).");
        var data = new EpisodeDataset(PushTFeatures.Fps, PushTFeatures.Create(s.Images ? ImageSize : null),
            [.. kept.Select(p => p.Episode)], PushTFeatures.RobotType);
        LeRobotWriter.Write(data, s.Out, new LeRobotWriteOptions { Overwrite = s.Overwrite });
        var summary = PushTEvalSummary.From([.. played.Select(p => p.Result)], clock.Elapsed.TotalSeconds);
        PrintTable(s, summary, kept.Count, data.TotalFrames, played.Where(p => !p.Result.Success).Select(p => p.Result.Seed).ToList());
        return 0;
    }

    private static void PrintTable(CollectSettings s, PushTEvalSummary m, int kept, int frames, IReadOnlyList<long> failedSeeds)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]robodiff collect pusht[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("seeds", $"{s.Seed}…{s.Seed + s.Episodes - 1} ({s.Episodes} played)");
        table.AddRow("episodes written", $"[bold]{kept}[/]{(s.KeepFailures ? " (failures kept)" : " (successes only)")}");
        table.AddRow("frames", $"{frames}");
        table.AddRow("success rate (coverage > 0.95)", $"{m.SuccessRate:P1}");
        table.AddRow("mean score (max reward)", $"{m.MeanScore:F4}");
        table.AddRow("mean steps", $"{m.MeanSteps:F1}");
        table.AddRow("wall time", $"{m.WallSeconds:F1} s ({m.EpisodesPerMinute:F1} episodes/min)");
        if (failedSeeds.Count > 0) table.AddRow("failed seeds", string.Join(", ", failedSeeds.Take(20)) + (failedSeeds.Count > 20 ? ", …" : ""));
        table.AddRow("dataset", Markup.Escape(s.Out));
        AnsiConsole.Write(table);
    }
}
