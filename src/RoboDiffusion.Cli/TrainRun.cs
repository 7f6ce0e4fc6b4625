using RoboDiffusion.Configuration;
using RoboDiffusion.Training;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// One training run of any method (`robodiff train`): refuse to overwrite checkpoints unless resuming, write the
/// resolved config, print a header (dataset, the method's own lines, parameters, optimizer, output), train, draw the
/// curve and print where the result went.
/// </summary>
internal static class TrainRun
{
    /// <param name="method">The YAML's `method:` (written back into the resolved config unless it is the default).</param>
    /// <param name="config">The validated run config.</param>
    /// <param name="resume">Continue from the newest checkpoint of the output folder.</param>
    /// <param name="initFrom">Another run's checkpoint folder to start from when the output folder has none.</param>
    /// <param name="stopAt">Stop after this step (checkpointed); null = the configured steps.</param>
    /// <param name="create">Builds the method's training from the config.</param>
    /// <param name="describe">The method's header lines (key, value) about its model.</param>
    public static int Run<TConfig>(string method, TConfig config, bool resume, string? initFrom, long? stopAt,
        Func<TConfig, DatasetTrainingRun> create, Func<TConfig, DatasetTrainingRun, IEnumerable<(string Key, string Value)>> describe)
        where TConfig : ITrainRunConfig<TConfig>
    {
        var outputDir = config.Training.OutputDir!;
        var methodLine = method == TrainMethod.DiffusionPolicy ? "" : $"method: {method}\n";
        TrainCommand.PrepareOutput(outputDir, resume, methodLine + YamlConfig.Serialize(config));
        using var training = create(config);
        var resumed = resume && training.Resume();
        if (!resumed && initFrom is not null) training.StartFrom(initFrom);
        AnsiConsole.Write(Header(method, config, training, describe(config, training), resumed));
        var firstStep = training.Trainer.Step;
        var result = training.Run(stopAt);
        TrainCommand.WriteCurve(outputDir);
        AnsiConsole.MarkupLine(result.Step == firstStep
            ? $"[bold]done[/]: already at step {result.Step}, nothing to train"
            : $"[bold]done[/]: step {result.Step}, loss {result.FinalLoss:G4}, {result.ItersPerSecond:F2} it/s");
        AnsiConsole.MarkupLine($"checkpoint: {Markup.Escape(result.Checkpoint ?? "-")}");
        AnsiConsole.MarkupLine($"curve: {Markup.Escape(Path.Combine(outputDir, TrainCommand.CurveFile))}");
        return 0;
    }

    private static Table Header<TConfig>(string method, TConfig c, DatasetTrainingRun t, IEnumerable<(string Key, string Value)> lines, bool resumed)
        where TConfig : ITrainRunConfig<TConfig>
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]robodiff train ({Markup.Escape(method)})[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("dataset", Markup.Escape($"{c.Dataset} ({t.Episodes} episodes, {t.Frames} frames, {t.Windows} windows)"));
        foreach (var (key, value) in lines) table.AddRow(Markup.Escape(key), Markup.Escape(value));
        table.AddRow("parameters", $"{t.ParameterCount:N0}");
        table.AddRow("training", Markup.Escape($"{c.Training.Steps} steps × batch {c.BatchSize}, lr {c.Training.LearningRate:G3} {Schedule(c.Training)}, seed {c.Training.Seed}"));
        table.AddRow("output", Markup.Escape(Path.GetFullPath(c.Training.OutputDir!)));
        if (t.Trainer.LastCheckpoint is { } from)
            table.AddRow(resumed ? "resumed" : "started from", Markup.Escape($"step {t.Trainer.Step} ({from})" +
                (t.Trainer.ResumedExactly ? "" : ": the weights it samples with, optimizer moments from zero")));
        return table;
    }

    /// <summary>The schedule's YAML name, with its warm-up and decay when it has them.</summary>
    private static string Schedule(TrainConfig t)
    {
        var parts = new List<string>();
        if (t.WarmupSteps > 0) parts.Add($"{t.WarmupSteps} warm-up");
        if (t.DecaySteps > 0) parts.Add($"decay from {t.Steps - t.DecaySteps}");
        var name = YamlConfig.Key(t.Schedule.ToString());
        return parts.Count == 0 ? $"({name})" : $"({name}: {string.Join(", ", parts)})";
    }
}
