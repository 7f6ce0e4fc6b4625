using System.CommandLine;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.Cli.PushT;
using RoboDiffusion.Configuration;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Planners.Mpd;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using RoboDiffusion.Visualization;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff train --config F.yaml [--resume]`: trains what the YAML's `method:` names (<see cref="TrainMethod"/>) with a
/// progress bar, metrics.jsonl, a loss curve (and for Diffusion Policy periodic evaluation in the simulator) and atomic
/// checkpoints (<see cref="TrainRun"/>). A killed run continues from its newest checkpoint with --resume and ends with the
/// same weights as an uninterrupted one.
/// </summary>
internal static class TrainCommand
{
    private const string ResolvedConfigFile = "config.yaml";
    internal const string CurveFile = "curve.png";

    public static Command Build()
    {
        var config = new Option<FileInfo>("--config") { Required = true, Description = "Experiment YAML (see configs/)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest checkpoint in the output folder" };
        var steps = new Option<long?>("--steps") { Description = "Override training.steps (the LR schedule spans it)" };
        var initFrom = new Option<DirectoryInfo?>("--init-from")
        {
            Description = "Start from another run's checkpoint folder (weights, EMA, optimizer, step), e.g. to go on training on other data " +
                          "with the same ranges, or from a shipped model folder (the weights it samples with and its step; optimizer moments from zero); " +
                          "used while the output folder has no checkpoint (with --resume, a relaunch continues its own)",
        };
        var stopAt = new Option<long?>("--stop-at") { Description = "Stop after this step (checkpointed), e.g. to split a run" };
        var output = new Option<string?>("--output") { Description = "Override training.output_dir" };
        var dataset = new Option<string?>("--dataset") { Description = "Override dataset" };
        var cmd = new Command("train",
            "Train from a YAML config: a Diffusion Policy (default), or by its `method:` key a Diffuser planner (diffuser), its value network (diffuser_value) or an MPD prior (mpd).\nExample: robodiff train --config configs/pusht_state_unet.yaml")
        {
            config, resume, initFrom, steps, stopAt, output, dataset,
        };
        cmd.SetAction(r => CliErrors.Guard("train", () =>
        {
            var path = r.GetValue(config)!.FullName;
            var (method, yaml) = TrainMethod.Read(path);
            var run = new RunArgs(yaml, path, new TrainRunOverrides(r.GetValue(dataset), r.GetValue(steps), r.GetValue(output)),
                r.GetValue(resume), r.GetValue(initFrom)?.FullName, r.GetValue(stopAt));
            return method switch
            {
                TrainMethod.Diffuser => Train<DiffuserTrainConfig, DiffuserTraining>(method, run, DiffuserTrainRun.Create, DiffuserTrainRun.Describe),
                TrainMethod.DiffuserValue => Train<ValueTrainConfig, ValueTraining>(method, run, DiffuserTrainRun.CreateValue, DiffuserTrainRun.DescribeValue),
                TrainMethod.Mpd => Train<MpdTrainConfig, MpdTraining>(method, run, MpdTrainRun.Create, MpdTrainRun.Describe),
                _ => Train<DiffusionPolicyTrainConfig, DiffusionPolicyTraining>(method, run, CreatePolicyTraining, DescribePolicy),
            };
        }));
        return cmd;
    }

    /// <summary>The YAML text (method line blanked), its path, the command-line overrides and the run's flags.</summary>
    private sealed record RunArgs(string Yaml, string Path, TrainRunOverrides Overrides, bool Resume, string? InitFrom, long? StopAt);

    /// <summary>Parses the YAML as <typeparamref name="TConfig"/>, applies the overrides and runs <see cref="TrainRun"/>.</summary>
    private static int Train<TConfig, TTraining>(string method, RunArgs a, Func<TConfig, TTraining> create,
        Func<TConfig, TTraining, IEnumerable<(string, string)>> describe)
        where TConfig : ITrainRunConfig<TConfig>, new() where TTraining : DatasetTrainingRun
    {
        var config = YamlConfig.Parse<TConfig>(a.Yaml, a.Path).With(a.Overrides).Validated();
        return TrainRun.Run(method, config, a.Resume, a.InitFrom, a.StopAt, create, (c, t) => describe(c, (TTraining)t));
    }

    /// <summary>A Diffusion Policy run, with periodic evaluation in the simulator when the config asks for it.</summary>
    private static DiffusionPolicyTraining CreatePolicyTraining(DiffusionPolicyTrainConfig config)
    {
        var evaluate = config.Training.EvalEvery > 0 ? PushTTrainingEval.Create(config.Eval) : null;
        return new DiffusionPolicyTraining(config, evaluate is null ? null : WithCurve(evaluate, config.Training.OutputDir!));
    }

    private static IEnumerable<(string, string)> DescribePolicy(DiffusionPolicyTrainConfig c, DiffusionPolicyTraining t)
    {
        var p = t.Policy.Config;
        yield return ("policy", $"{p.Network}, To={p.ObsSteps} Tp={p.Horizon} Ta={p.ActionSteps}, obs {string.Join("+", p.ObservationKeys)} ({p.ObsFeatureDim}/step)");
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
}
