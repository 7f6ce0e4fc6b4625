using RoboDiffusion.Configuration;
using RoboDiffusion.Planners.Diffuser;
using Spectre.Console;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>`robodiff train --config configs/maze2d_*.yaml` for `method: diffuser`: trains a Diffuser planner, writes checkpoints and a loss curve.</summary>
internal static class DiffuserTrainRun
{
    public static int Run(DiffuserTrainConfig config, bool resume, long? stopAt)
    {
        var outputDir = config.Training.OutputDir!;
        TrainCommand.PrepareOutput(outputDir, resume, $"method: {TrainMethod.Diffuser}\n" + YamlConfig.Serialize(config));
        using var training = new DiffuserTraining(config);
        var resumed = resume && training.Resume();
        PrintHeader(config, training, resumed);
        var result = training.Run(stopAt);
        TrainCommand.WriteCurve(outputDir);
        AnsiConsole.MarkupLine($"[bold]done[/]: step {result.Step}, loss {result.FinalLoss:G4}, {result.ItersPerSecond:F2} it/s");
        AnsiConsole.MarkupLine($"checkpoint: {Markup.Escape(result.Checkpoint ?? "-")}");
        return 0;
    }

    private static void PrintHeader(DiffuserTrainConfig c, DiffuserTraining t, bool resumed)
    {
        var p = t.Planner.Config;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]robodiff train (diffuser)[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("dataset", Markup.Escape($"{c.Dataset} ({t.Episodes} episodes, {t.Frames} frames, {t.Windows} windows)"));
        table.AddRow("planner", Markup.Escape($"H={p.Horizon}, {p.Objective.Schedule.NumTrainTimesteps} diffusion steps, U-Net [{string.Join(", ", p.Unet.DownDims)}], transition {p.TransitionDim}"));
        table.AddRow("parameters", $"{t.Planner.ParameterCount:N0}");
        table.AddRow("training", Markup.Escape($"{c.Training.Steps} steps × batch {c.BatchSize}, lr {c.Training.LearningRate:G3}, seed {c.Training.Seed}"));
        table.AddRow("output", Markup.Escape(Path.GetFullPath(c.Training.OutputDir!)));
        if (resumed) table.AddRow("resumed", Markup.Escape($"step {t.Trainer.Step} ({t.Trainer.LastCheckpoint})"));
        AnsiConsole.Write(table);
    }
}
