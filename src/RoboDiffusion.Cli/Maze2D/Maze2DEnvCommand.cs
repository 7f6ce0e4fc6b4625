using System.CommandLine;
using System.Text.Json;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// `robodiff env maze2d reset|render|expert`: the seeded initial observation as JSON, an expert rollout as a GIF, and the
/// waypoint expert's D4RL normalized score over seeds S … S+N−1.
/// </summary>
internal static class Maze2DEnvCommand
{
    public static Command Build()
    {
        var command = new Command("maze2d", "The Maze2D environment (MuJoCo 2.2.2, D4RL point maze).") { Reset(), Render(), Expert() };
        return command;
    }

    private static Option<string> MazeOption() => new("--maze") { DefaultValueFactory = _ => "umaze", Description = "umaze | medium | large" };
    private static Option<long> SeedOption() => new("--seed") { DefaultValueFactory = _ => 0, Description = "Reset seed (NumPy RandomState stream), 0..2^32-1" };
    private static Option<bool> MultiOption() => new("--multi") { Description = "Multi2D: draw the goal at reset too" };

    private static Command Reset()
    {
        var (maze, seed, multi) = (MazeOption(), SeedOption(), MultiOption());
        var reset = new Command("reset", "Reset Maze2D and print {\"observation\":[x,y,vx,vy],\"goal\":[x,y]}.\nExample: robodiff env maze2d reset --maze umaze --seed 0")
        {
            maze, seed, multi,
        };
        reset.SetAction(r => CliErrors.Guard("env maze2d reset", () =>
        {
            using var env = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DLayouts.Parse(r.GetValue(maze)!), MultiGoal = r.GetValue(multi) });
            var observation = env.Reset(r.GetValue(seed));
            Console.WriteLine(JsonSerializer.Serialize(new { observation, goal = new[] { env.Goal.X, env.Goal.Y } }));
            return 0;
        }));
        return reset;
    }

    private static Command Render()
    {
        var (maze, seed, multi) = (MazeOption(), SeedOption(), MultiOption());
        var output = new Option<FileInfo>("--out") { Required = true, Description = "Output .gif" };
        var every = new Option<int>("--every") { DefaultValueFactory = _ => 4, Description = "Keep every k-th step as a frame (100 steps = 1 s)" };
        var cell = new Option<int>("--cell") { DefaultValueFactory = _ => 32, Description = "Pixels per maze cell (4..256)" };
        var render = new Command("render", "Render a waypoint-expert episode to an animated GIF.\nExample: robodiff env maze2d render --maze umaze --seed 0 --out umaze.gif")
        {
            maze, seed, multi, output, every, cell,
        };
        render.SetAction(r => CliErrors.Guard("env maze2d render", () =>
        {
            var (k, px) = (Math.Max(1, r.GetValue(every)), r.GetValue(cell));
            using var env = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DLayouts.Parse(r.GetValue(maze)!), MultiGoal = r.GetValue(multi) });
            var frames = new List<Frame>();
            var renderer = new Maze2DRenderer(env.Layout);
            var result = Maze2DExpert.Play(env, r.GetValue(seed), (e, c) =>
            {
                if (e.Steps % k != 0) return;
                var o = e.Observation();
                frames.Add(renderer.Render(o[0], o[1], e.Goal.X, e.Goal.Y, px, c.Waypoints));
            });
            renderer.Dispose();
            var path = r.GetValue(output)!.FullName;
            AtomicFile.WriteVia(path, temp => GifWriter.Write(temp, frames, frameDelayMs: 10 * k));
            Console.Error.WriteLine($"render: {env.Layout.Name}, seed {result.Seed}, {result.Steps} steps, return {result.Return}, " +
                                    $"normalized {result.NormalizedScore:F1} -> {path}");
            return 0;
        }));
        return render;
    }

    private static Command Expert()
    {
        var (maze, seed, multi) = (MazeOption(), SeedOption(), MultiOption());
        var episodes = new Option<int>("--episodes") { DefaultValueFactory = _ => 20, Description = "Seeds to play" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write per-episode results as JSON" };
        var reuse = new Option<bool>("--d4rl-reference")
        {
            Description = "Reuse one controller for all episodes, as D4RL's reference-score script does (it keeps the first episode's plan)",
        };
        var expert = new Command("expert", "Score the waypoint expert (D4RL normalized score, mean ± standard error).\nExample: robodiff env maze2d expert --maze large --episodes 20")
        {
            maze, seed, multi, episodes, json, reuse,
        };
        expert.SetAction(r => CliErrors.Guard("env maze2d expert", () =>
        {
            var n = r.GetValue(episodes);
            if (n < 1) throw new ArgumentException($"--episodes must be ≥ 1, got {n}.");
            using var env = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DLayouts.Parse(r.GetValue(maze)!), MultiGoal = r.GetValue(multi) });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var shared = r.GetValue(reuse) ? new Maze2DWaypointController(env.Layout, r.GetValue(seed)) : null;
            var results = Enumerable.Range(0, n).Select(i => Maze2DExpert.Play(env, r.GetValue(seed) + i, controller: shared)).ToList();
            var scores = results.Select(x => x.NormalizedScore).ToList();
            var mean = scores.Average();
            var se = n > 1 ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (n - 1) / n) : 0;
            var totalSteps = results.Sum(x => x.Steps);
            Console.WriteLine($"maze2d {env.Layout.Name}{(env.Config.MultiGoal ? " (multi-goal)" : "")}{(shared is null ? "" : " (D4RL reference protocol)")}: expert over {n} seeds: " +
                              $"return {results.Average(x => x.Return):F1}, normalized {mean:F1} ± {se:F1} " +
                              $"({totalSteps / clock.Elapsed.TotalSeconds:F0} env steps/s with the controller)");
            if (r.GetValue(json) is { } file)
                AtomicFile.WriteVia(file.FullName, temp => File.WriteAllText(temp, JsonSerializer.Serialize(new { maze = env.Layout.Name, mean, se, episodes = results })));
            return 0;
        }));
        return expert;
    }
}
