using System.CommandLine;
using System.Globalization;
using RoboDiffusion.Data.Io;
using RoboDiffusion.MotionPlanning.Metrics;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Rendering;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>
/// `robodiff plan points --env dense2d --start x,y --goal x,y --planner rrtconnect|gpmp2|chomp|hybrid|mpd [--policy DIR]
/// [--samples N] [--seed S] [--time-limit s] [--out plan.png] [--save-trajectory traj.npy]`: classical planners and a
/// trained Motion Planning Diffusion prior (50 guided samples in one batch) in MPD's 2-D worlds.
/// </summary>
internal static class PointsPlanCommand
{
    /// <summary>Adds the `points` subcommand to the `plan` verb and returns the verb.</summary>
    public static Command AddTo(Command plan)
    {
        plan.Subcommands.Add(Build());
        return plan;
    }

    public static Command Build()
    {
        var env = new Option<string>("--env") { DefaultValueFactory = _ => "dense2d", Description = $"World: {string.Join(" | ", WorldRegistry.BuiltIn.Keys)} or a world .json" };
        var start = new Option<string>("--start") { Required = true, Description = "Start position x,y (at rest)" };
        var goal = new Option<string>("--goal") { Required = true, Description = "Goal position x,y (at rest)" };
        var planner = new Option<string>("--planner") { DefaultValueFactory = _ => "hybrid", Description = string.Join(" | ", PlannerNames) };
        var samples = new Option<int?>("--samples") { Description = "Plans to run (seeds S … S+N−1), or MPD samples (default 1, mpd 50); the best free one is chosen" };
        var policy = new Option<string?>("--policy") { Description = "Trained MPD planner folder (checkpoint or model), for --planner mpd" };
        var sampler = new Option<string?>("--sampler") { Description = "mpd: sampler of the core (ddpm, ddim, dpmpp_2m, …); default the policy's DDPM" };
        var steps = new Option<int?>("--steps") { Description = "mpd: denoising steps of --sampler (default: the training steps)" };
        var noGuidance = new Option<bool>("--no-guidance") { Description = "mpd: sample the learned prior without cost guidance" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the planner's random numbers" };
        var timeLimit = new Option<double>("--time-limit") { DefaultValueFactory = _ => 10, Description = "Seconds per plan" };
        var output = new Option<FileInfo?>("--out") { Description = "Draw the world and trajectories to this .png" };
        var save = new Option<FileInfo?>("--save-trajectory") { Description = "Save the chosen trajectory as float32 [64, 4] (x, y, vx, vy) .npy" };
        var command = new Command("points",
            "Plan in MPD's 2-D point-robot worlds with a classical planner or a trained MPD prior.\nExample: robodiff plan points --env dense2d --start -0.8,-0.8 --goal 0.8,0.8 --planner hybrid --out plan.png")
        {
            env, start, goal, planner, samples, seed, timeLimit, output, save, policy, sampler, steps, noGuidance,
        };
        command.SetAction(r => CliErrors.Guard("plan points", () => Run(new PointsPlanSettings(
            r.GetValue(env)!, Maze2D.Maze2DPlanCommand.ParsePoint(r.GetValue(start)!, "--start"),
            Maze2D.Maze2DPlanCommand.ParsePoint(r.GetValue(goal)!, "--goal"), r.GetValue(planner)!, r.GetValue(samples),
            r.GetValue(seed), r.GetValue(timeLimit), r.GetValue(output)?.FullName, r.GetValue(save)?.FullName, r.GetValue(policy),
            r.GetValue(sampler), r.GetValue(steps), r.GetValue(noGuidance)))));
        return command;
    }

    internal static int Run(PointsPlanSettings s, TextWriter? log = null)
    {
        log ??= Console.Error;
        if (s.Samples is < 1) throw new ArgumentException($"--samples must be ≥ 1, got {s.Samples}.");
        var name = CheckPlanner(s.Planner);
        var world = WorldRegistry.Load(s.Env);
        var (start, goal) = (new Point2(s.Start.X, s.Start.Y), new Point2(s.Goal.X, s.Goal.Y));
        world.RequireFree(start, "start");
        world.RequireFree(goal, "goal");
        var (trajectories, time) = name == MpdName ? PlanMpd(s, world, start, goal) : PlanClassical(s, name, world, start, goal, log);
        var metrics = TrajectoryMetrics.Compute(world, trajectories, time);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plan points: {name} in {world.Name}, {start} → {goal}: success {metrics.Success}, free {metrics.FractionFree:P0} of {trajectories.Count}, " +
            $"length {metrics.PathLength:0.###}, smoothness {metrics.Smoothness:0.###}, time {metrics.PlanningTime.TotalSeconds:0.###} s"));
        if (s.Out is not null)
        {
            WorldImage.Save(s.Out, world, trajectories, metrics.BestIndex, start, goal);
            log.WriteLine($"plan points: picture -> {s.Out}");
        }
        if (s.SaveTrajectory is not null)
        {
            if (metrics.BestIndex < 0) throw new InvalidOperationException("No collision-free trajectory to save.");
            var best = trajectories[metrics.BestIndex];
            NpyFile.Write(s.SaveTrajectory, best.ToFloat32(), best.Length, Trajectory.StateDim);
            log.WriteLine($"plan points: trajectory [{best.Length}, {Trajectory.StateDim}] -> {s.SaveTrajectory}");
        }
        return metrics.Success ? 0 : 1;
    }

    /// <summary>The planner names of this command: the classical ones and mpd.</summary>
    public const string MpdName = "mpd";

    public static IReadOnlyList<string> PlannerNames { get; } = [.. MotionPlanners.Names, MpdName];

    /// <summary>The lower-case planner name, or an error listing the valid ones.</summary>
    internal static string CheckPlanner(string planner)
    {
        var name = planner.Trim().ToLowerInvariant();
        return PlannerNames.Contains(name) ? name
            : throw new ArgumentException($"Unknown planner '{planner}'. Valid planners: {string.Join(", ", PlannerNames)}.");
    }

    private static (IReadOnlyList<Trajectory>, TimeSpan) PlanClassical(PointsPlanSettings s, string name, World world, Point2 start, Point2 goal, TextWriter log)
    {
        var planner = MotionPlanners.Create(name);
        var budget = PlannerBudget.Seconds(s.TimeLimit);
        var results = Enumerable.Range(0, s.Samples ?? 1).Select(k => planner.Plan(world, start, goal, budget, s.Seed + k)).ToList();
        foreach (var failure in results.Where(r => !r.Success).Select(r => r.FailureReason).Distinct())
            log.WriteLine($"plan points: {failure}");
        return ([.. results.Where(r => r.Trajectory is not null).Select(r => r.Trajectory!)], TimeSpan.FromTicks(results.Sum(r => r.Time.Ticks)));
    }

    private static (IReadOnlyList<Trajectory>, TimeSpan) PlanMpd(PointsPlanSettings s, World world, Point2 start, Point2 goal)
    {
        if (s.Policy is null) throw new ArgumentException("--planner mpd needs --policy DIR (a trained MPD planner folder, e.g. models/mpd_dense2d).");
        using var mpd = new MpdPointPlanner(s.Policy, TrajectorySpec.Default, !s.NoGuidance, MpdPointPlanner.Inference(s.Sampler, s.Steps));
        return mpd.Plan(world, start, goal, s.Samples ?? mpd.DefaultSamples, s.Seed);
    }
}
