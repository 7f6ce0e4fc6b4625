using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.Data.Io;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using Spectre.Console;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// `robodiff bench planners --env dense2d --queries 100 [--policy DIR] [--time-limit s] [--json F]`: RRT-Connect,
/// GPMP2, CHOMP, the hybrid planner and (with --policy) MPD on the same held-out queries, side by side (issue 6 §4).
/// </summary>
internal static class PlannersBenchCommand
{
    public static Command Build()
    {
        var env = new Option<string>("--env") { DefaultValueFactory = _ => "dense2d", Description = $"World: {string.Join(" | ", WorldRegistry.BuiltIn.Keys)} or a world .json" };
        var queries = new Option<int>("--queries") { DefaultValueFactory = _ => 100, Description = "Held-out start/goal queries" };
        var policy = new Option<string?>("--policy") { Description = "Trained MPD planner folder: adds mpd to the table" };
        var timeLimit = new Option<double>("--time-limit") { DefaultValueFactory = _ => 10, Description = "Seconds per classical plan" };
        var planners = new Option<string?>("--planners") { Description = $"Comma-separated subset of {string.Join(", ", PointsPlanCommand.PlannerNames)}" };
        var samples = new Option<int?>("--samples") { Description = "Trajectories per query for every planner (default: the MPD model's batch, 1 classical plan)" };
        var sampler = new Option<string?>("--sampler") { Description = "mpd: sampler of the core (ddpm, ddim, dpmpp_2m, …); default the model's DDPM" };
        var steps = new Option<int?>("--steps") { Description = "mpd: denoising steps of --sampler (default: the training steps)" };
        var json = new Option<string?>("--json") { Description = "Write the rows as JSON to this file" };
        var cmd = new Command("planners", "Classical planners and MPD on the same held-out queries of a 2-D world (success, free fraction, length, smoothness, variance, time).\n"
            + "Example: robodiff bench planners --env dense2d --queries 100 --policy models/mpd_dense2d")
        {
            env, queries, policy, timeLimit, planners, samples, sampler, steps, json,
        };
        cmd.SetAction(r => CliErrors.Guard("bench planners", () => Run(r.GetValue(env)!, r.GetValue(queries), r.GetValue(policy),
            r.GetValue(timeLimit), r.GetValue(planners), r.GetValue(samples), r.GetValue(json), r.GetValue(sampler), r.GetValue(steps))));
        return cmd;
    }

    internal static int Run(string env, int queryCount, string? policy, double timeLimit, string? plannerList, int? samples, string? json,
        string? sampler = null, int? steps = null)
    {
        if (queryCount < 1) throw new ArgumentException($"--queries must be ≥ 1, got {queryCount}.");
        if (samples < 1) throw new ArgumentException($"--samples must be ≥ 1, got {samples}.");
        var world = WorldRegistry.Load(env);
        var budget = PlannerBudget.Seconds(timeLimit);
        var names = plannerList is null ? [.. MotionPlanners.Names, .. policy is null ? Array.Empty<string>() : [PointsPlanCommand.MpdName]]
            : plannerList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(PointsPlanCommand.CheckPlanner).ToList();
        if (names.Contains(PointsPlanCommand.MpdName) && policy is null) throw new ArgumentException("Planner mpd needs --policy DIR.");
        using var mpd = policy is null ? null : new MpdPointPlanner(policy, TrajectorySpec.Default, inference: MpdPointPlanner.Inference(sampler, steps));
        var queries = PlannersBench.Queries(world, queryCount);
        var rows = new List<PlannersBenchRow>();
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            foreach (var name in names)
            {
                var task = ctx.AddTask(Markup.Escape(name), maxValue: queries.Count);
                var row = PlannersBench.Run(name, world, queries, budget, name == PointsPlanCommand.MpdName ? mpd : null, samples, () => task.Increment(1));
                rows.Add(name == PointsPlanCommand.MpdName && mpd?.Sampling is { } run ? row with { Planner = $"mpd {run.Sampler.ToString().ToLowerInvariant()}×{run.Steps}" } : row);
            }
        });
        AnsiConsole.Write(Table(world.Name, queries.Count, rows));
        if (json is not null)
        {
            AtomicFile.WriteText(json, Json(world.Name, queries.Count, timeLimit, rows).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            AnsiConsole.MarkupLine($"json: {Markup.Escape(json)}");
        }
        return 0;
    }

    private static Table Table(string world, int queries, IReadOnlyList<PlannersBenchRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(world)}: {queries} held-out queries[/]");
        table.AddColumns("planner", "n", "success", "free", "length", "smoothness", "variance", "s/query");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Planner), F($"{r.Samples}"), F($"{r.Success:P0}"), F($"{r.FractionFree:P0}"), F($"{r.PathLength:0.###}"),
                F($"{r.Smoothness:0.###}"), F($"{r.WaypointVariance:0.####}"), F($"{r.SecondsPerQuery:0.###}"));
        return table;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Json(string world, int queries, double timeLimit, IReadOnlyList<PlannersBenchRow> rows) => new()
    {
        ["world"] = world,
        ["queries"] = queries,
        ["time_limit_s"] = timeLimit,
        ["planners"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["planner"] = r.Planner, ["samples"] = r.Samples, ["success"] = r.Success, ["fraction_free"] = Finite(r.FractionFree), ["path_length"] = Finite(r.PathLength),
            ["smoothness"] = Finite(r.Smoothness), ["waypoint_variance"] = Finite(r.WaypointVariance), ["seconds_per_query"] = Finite(r.SecondsPerQuery),
        })]),
    };

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
