using System.CommandLine;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Cli.PushT;
using RoboDiffusion.Configuration;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using RoboDiffusion.Visualization;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff train --config F.yaml [--resume]`: trains a Diffusion Policy as the YAML file says, with a progress bar,
/// periodic evaluation in the simulator, metrics.jsonl, a loss/score curve and atomic checkpoints. A killed run
/// continues from its newest checkpoint with --resume and ends with the same weights as an uninterrupted one.
/// </summary>
internal static class TrainCommand
{
    private const string ResolvedConfigFile = "config.yaml";
    private const string CurveFile = "curve.png";

    public static Command Build()
    {
        var config = new Option<FileInfo>("--config") { Required = true, Description = "Experiment YAML (see configs/)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest checkpoint in the output folder" };
        var steps = new Option<long?>("--steps") { Description = "Override training.steps (the LR schedule spans it)" };
        var stopAt = new Option<long?>("--stop-at") { Description = "Stop after this step (checkpointed), e.g. to split a run" };
        var output = new Option<string?>("--output") { Description = "Override training.output_dir" };
        var dataset = new Option<string?>("--dataset") { Description = "Override dataset" };
        var cmd = new Command("train",
            "Train a Diffusion Policy or (method: diffuser) a Diffuser planner from a YAML config.\nExample: robodiff train --config configs/pusht_state_unet.yaml")
        {
            config, resume, steps, stopAt, output, dataset,
        };
        cmd.SetAction(r => CliErrors.Guard("train", () =>
        {
            var path = r.GetValue(config)!.FullName;
            var (method, yaml) = TrainMethod.Read(path);
            if (method == TrainMethod.Diffuser)
            {
                var dc = YamlConfig.Parse<DiffuserTrainConfig>(yaml, path);
                if (r.GetValue(dataset) is { } dd) dc = dc with { Dataset = dd };
                if (r.GetValue(steps) is { } ds) dc = dc with { Training = dc.Training with { Steps = ds } };
                if (r.GetValue(output) is { } od) dc = dc with { Training = dc.Training with { OutputDir = od } };
                return DiffuserTrainRun.Run(dc.Validated(), r.GetValue(resume), r.GetValue(stopAt));
            }
            var c = YamlConfig.Parse<DiffusionPolicyTrainConfig>(yaml, path);
            if (r.GetValue(dataset) is { } d) c = c with { Dataset = d };
            if (r.GetValue(steps) is { } s) c = c with { Training = c.Training with { Steps = s } };
            if (r.GetValue(output) is { } o) c = c with { Training = c.Training with { OutputDir = o } };
            return Run(c.Validated(), r.GetValue(resume), r.GetValue(stopAt));
        }));
        return cmd;
    }

    private static int Run(DiffusionPolicyTrainConfig config, bool resume, long? stopAt)
    {
        var outputDir = config.Training.OutputDir!;
        PrepareOutput(outputDir, resume, YamlConfig.Serialize(config));
        var evaluate = config.Training.EvalEvery > 0 ? PushTTrainingEval.Create(config.Eval) : null;
        using var training = new DiffusionPolicyTraining(config, evaluate is null ? null : WithCurve(evaluate, outputDir));
        var resumed = resume && training.Resume();
        PrintHeader(config, training, resumed);
        var result = training.Run(stopAt);
        WriteCurve(outputDir);
        PrintResult(result, outputDir);
        return 0;
    }

    /// <summary>Redraws the curve after every evaluation, so a long run can be watched.</summary>
    private static Func<DiffusionPolicy, EvalHook> WithCurve(Func<DiffusionPolicy, EvalHook> evaluate, string outputDir) => policy =>
    {
        var hook = evaluate(policy);
        return step =>
        {
            var metrics = hook(step);
            WriteCurve(outputDir);
            return metrics;
        };
    };

    /// <summary>
    /// Refuses to train over existing checkpoints unless resuming, creates the folder and writes the resolved config,
    /// for every method's run.
    /// </summary>
    internal static void PrepareOutput(string outputDir, bool resume, string resolvedYaml)
    {
        var store = new CheckpointStore(Path.Combine(outputDir, "checkpoints"));
        if (!resume && store.Latest() is { } existing)
            throw new InvalidOperationException($"'{outputDir}' already has checkpoints ({existing}); pass --resume to continue it, or choose another --output.");
        Directory.CreateDirectory(outputDir);
        AtomicFile.WriteText(Path.Combine(outputDir, ResolvedConfigFile), resolvedYaml);
    }

    /// <summary>Draws curve.png from the run's metrics.jsonl, when there is one.</summary>
    internal static void WriteCurve(string outputDir)
    {
        var metrics = Path.Combine(outputDir, "metrics.jsonl");
        if (File.Exists(metrics)) TrainingCurvePlot.Save(metrics, Path.Combine(outputDir, CurveFile), Path.GetFileName(Path.GetFullPath(outputDir)));
    }

    private static void PrintHeader(DiffusionPolicyTrainConfig c, DiffusionPolicyTraining t, bool resumed)
    {
        var p = t.Policy.Config;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]robodiff train[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("dataset", Markup.Escape($"{c.Dataset} ({t.Episodes} episodes, {t.Frames} frames, {t.Windows} windows)"));
        table.AddRow("policy", Markup.Escape($"{p.Network}, To={p.ObsSteps} Tp={p.Horizon} Ta={p.ActionSteps}, obs {string.Join("+", p.ObservationKeys)} ({p.ObsFeatureDim}/step)"));
        table.AddRow("parameters", $"{t.Policy.Model.ParameterCount:N0}");
        table.AddRow("training", Markup.Escape($"{c.Training.Steps} steps × batch {c.BatchSize}, lr {c.Training.LearningRate:G3}, seed {c.Training.Seed}"));
        table.AddRow("output", Markup.Escape(Path.GetFullPath(c.Training.OutputDir!)));
        if (resumed) table.AddRow("resumed", Markup.Escape($"step {t.Trainer.Step} ({t.Trainer.LastCheckpoint})"));
        AnsiConsole.Write(table);
    }

    private static void PrintResult(TrainResult result, string outputDir)
    {
        AnsiConsole.MarkupLine($"[bold]done[/]: step {result.Step}, loss {result.FinalLoss:G4}, {result.ItersPerSecond:F2} it/s");
        AnsiConsole.MarkupLine($"checkpoint: {Markup.Escape(result.Checkpoint ?? "-")}");
        AnsiConsole.MarkupLine($"curve: {Markup.Escape(Path.Combine(outputDir, CurveFile))}");
    }
}
