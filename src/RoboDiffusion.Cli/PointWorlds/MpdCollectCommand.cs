using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RoboDiffusion.Cli.PushT;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.MotionPlanning.Datasets;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>
/// `robodiff collect mpd --env dense2d --contexts 500 --per-context 20 --out data/mpd-dense2d`: MPD's demonstration data
/// from the RRT-Connect → GPMP2 hybrid planner, as a LeRobot dataset (one episode per collision-free trajectory) plus
/// mpd.json with the generation settings.
/// </summary>
internal static class MpdCollectCommand
{
    /// <summary>Adds the `mpd` subcommand to the `collect` verb and returns the verb.</summary>
    public static Command AddTo(Command collect)
    {
        collect.Subcommands.Add(Build());
        return collect;
    }

    public static Command Build()
    {
        var env = new Option<string>("--env") { DefaultValueFactory = _ => "dense2d", Description = $"World: {string.Join(" | ", WorldRegistry.BuiltIn.Keys)} or a world .json" };
        var contexts = new Option<int>("--contexts") { DefaultValueFactory = _ => 500, Description = "Random start/goal pairs" };
        var perContext = new Option<int>("--per-context") { DefaultValueFactory = _ => 20, Description = "Hybrid-planner runs per pair (collision-free ones are kept)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the queries and planners" };
        var timeLimit = new Option<double>("--time-limit") { DefaultValueFactory = _ => 10, Description = "Seconds per planner run" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount, Description = "Contexts planned in parallel" };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Dataset folder (LeRobot v3.0 layout)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing dataset folder" };
        var command = new Command("mpd",
            "Generate Motion Planning Diffusion demonstrations (RRT-Connect → GPMP2) as a LeRobot dataset.\nExample: robodiff collect mpd --env dense2d --contexts 500 --per-context 20 --out data/mpd-dense2d")
        {
            env, contexts, perContext, seed, timeLimit, threads, output, overwrite,
        };
        command.SetAction(r => CliErrors.Guard("collect mpd", () => Run(r.GetValue(env)!, new ContextGeneratorOptions
        {
            Contexts = r.GetValue(contexts), PerContext = r.GetValue(perContext), Seed = r.GetValue(seed),
            TimeLimitSeconds = r.GetValue(timeLimit), MaxDegreeOfParallelism = r.GetValue(threads),
        }, r.GetValue(output)!.FullName, r.GetValue(overwrite))));
        return command;
    }

    internal static int Run(string env, ContextGeneratorOptions options, string output, bool overwrite, TextWriter? log = null)
    {
        log ??= Console.Error;
        if (Path.Exists(output) && !overwrite) throw new ArgumentException($"{output} already exists; pass --overwrite to replace it.");
        var world = WorldRegistry.Load(env);
        options = options.Validated();
        var clock = Stopwatch.StartNew();
        var contexts = ConsoleProgress.Run($"collect mpd {world.Name}", options.Contexts,
            tick => ContextGenerator.Generate(world, new HybridPlanner(), options, tick));
        var episodes = contexts.SelectMany(c => c.Trajectories.Select(t => Episode(c, t))).ToList();
        if (episodes.Count == 0) throw new InvalidOperationException("No collision-free trajectory was planned; nothing to write.");
        LeRobotWriter.Write(new EpisodeDataset(MpdFeatures.Fps, MpdFeatures.Create(), episodes, MpdFeatures.RobotType), output,
            new LeRobotWriteOptions { Overwrite = overwrite });
        File.WriteAllText(Path.Combine(output, "meta", "mpd.json"), Metadata(world, options, contexts));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"collect mpd: {episodes.Count} trajectories ({episodes.Count * 100.0 / (options.Contexts * options.PerContext):0.#}% of {options.Contexts}×{options.PerContext} runs) in {clock.Elapsed.TotalSeconds:0.#} s -> {output}"));
        return 0;
    }

    private static Episode Episode(PlanningContext context, Trajectory trajectory)
    {
        var builder = new EpisodeBuilder(MpdFeatures.Create(), MpdFeatures.Task);
        for (var i = 0; i < trajectory.Length; i++)
        {
            builder.Append(MpdFeatures.State, trajectory.States.AsSpan(Trajectory.StateDim * i, Trajectory.StateDim));
            builder.Append(MpdFeatures.Start, new[] { context.Start.X, context.Start.Y }.AsSpan());
            builder.Append(MpdFeatures.Goal, new[] { context.Goal.X, context.Goal.Y }.AsSpan());
            builder.Append(MpdFeatures.Context, context.Index);
        }
        return builder.Build();
    }

    private static string Metadata(World world, ContextGeneratorOptions o, IReadOnlyList<PlanningContext> contexts) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["world"] = world.Name,
            ["planner"] = "hybrid: RRT-Connect, shortcuts, then GPMP2",
            ["support_points"] = TrajectorySpec.Default.SupportPoints,
            ["duration"] = TrajectorySpec.Default.Duration,
            ["dt"] = TrajectorySpec.Default.Dt,
            ["contexts"] = o.Contexts,
            ["per_context"] = o.PerContext,
            ["seed"] = o.Seed,
            ["min_distance"] = o.MinDistance,
            ["kept"] = contexts.Sum(c => c.Trajectories.Count),
        }, new JsonSerializerOptions { WriteIndented = true });
}
