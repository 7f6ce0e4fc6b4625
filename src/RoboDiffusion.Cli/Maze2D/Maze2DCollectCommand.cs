using System.CommandLine;
using System.Diagnostics;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// `robodiff collect maze2d --maze umaze|medium|large --steps N --seed S --out DIR`: D4RL's wandering waypoint data
/// (<see cref="Maze2DDataCollector"/>) split into episodes where the ball leaves the goal region (Diffuser's rule) or, with
/// <c>--split none</c>, only every 100,000 steps, written as a LeRobot v3.0 dataset (<see cref="Maze2DFeatures"/>). Diffuser's
/// split leaves no window that starts in the goal region (docs/results.md, Maze2D); <c>none</c> measures what that costs.
/// </summary>
internal static class Maze2DCollectCommand
{
    private const string SplitAtGoalExit = "goal-exit", NoSplit = "none";

    public static Command Build()
    {
        var maze = new Option<string>("--maze") { DefaultValueFactory = _ => "umaze", Description = "umaze | medium | large" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 1_000_000, Description = "Env steps to record (D4RL: 1M umaze, 2M medium, 4M large)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the reset, targets and waypoint jitter" };
        var noise = new Option<double>("--action-noise")
        {
            DefaultValueFactory = _ => Maze2DDataCollector.NoisyActionStd,
            Description = "Std of the Gaussian noise added to each action before clipping (D4RL's --noisy; 0 = the bare controller)",
        };
        var split = new Option<string>("--split")
        {
            DefaultValueFactory = _ => SplitAtGoalExit,
            Description = "goal-exit: an episode ends where the ball leaves the goal region (Diffuser); none: only every 100,000 steps",
        };
        split.AcceptOnlyFromAmong(SplitAtGoalExit, NoSplit);
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Dataset folder (LeRobot v3.0 layout)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing dataset folder" };
        var command = new Command("maze2d",
            "Record D4RL-style waypoint-controller data in Maze2D as a LeRobot dataset.\nExample: robodiff collect maze2d --maze umaze --steps 1000000 --out data/maze2d-umaze")
        {
            maze, steps, seed, noise, split, output, overwrite,
        };
        command.SetAction(r => CliErrors.Guard("collect maze2d", () => Run(Maze2DLayouts.Parse(r.GetValue(maze)!), r.GetValue(steps),
            r.GetValue(seed), r.GetValue(noise), r.GetValue(output)!.FullName, r.GetValue(overwrite), r.GetValue(split) == SplitAtGoalExit)));
        return command;
    }

    internal static int Run(Maze2DMaze maze, int steps, long seed, double noise, string output, bool overwrite, bool splitAtGoalExit = true)
    {
        if (Path.Exists(output) && !overwrite) throw new ArgumentException($"{output} already exists; pass --overwrite to replace it.");
        var clock = Stopwatch.StartNew();
        var stream = new Maze2DDataCollector(maze, seed, noise).Collect(steps,
            n => { if (n % 100_000 == 0) Console.Error.WriteLine($"collect maze2d: {n}/{steps} steps"); });
        var simSeconds = clock.Elapsed.TotalSeconds;
        var layout = Maze2DLayouts.Layout(maze);
        var goal = layout.Goal is { } g ? (g.Row, g.Col) : (layout.ResetCells[0].Row, layout.ResetCells[0].Col);
        var data = Maze2DDatasetBuilder.Build(stream, goal, splitAtGoalExit);
        LeRobotWriter.Write(data, output, new LeRobotWriteOptions { Overwrite = overwrite });
        var lengths = data.Episodes.Select(e => e.Length).ToList();
        Console.Error.WriteLine($"collect maze2d: {Maze2DLayouts.Name(maze)}, {steps} steps in {simSeconds:F1} s ({steps / simSeconds:F0} steps/s), " +
                                $"{data.Episodes.Count} episodes (length min {lengths.Min()}, mean {lengths.Average():F0}, max {lengths.Max()}), " +
                                $"reward sum {stream.Sum(s => s.Reward):F0} -> {output} ({clock.Elapsed.TotalSeconds:F1} s total)");
        return 0;
    }
}
