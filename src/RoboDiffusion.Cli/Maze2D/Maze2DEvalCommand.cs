using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Envs.Rendering;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using Spectre.Console;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// `robodiff eval maze2d --maze M --policy PATH --episodes N --seed S [--multi] [--replan K] [--sampler S --steps K]
/// [--json F] [--gif F [--gif-seed S]] [--value DIR [--guide-scale S]] [--no-goal]`: a Diffuser planner on seeds S … S+N−1 (Janner et al.
/// 2022, Table 1: plan once, track the plan), optionally value-guided (§3.2) and without goal inpainting, with returns and
/// D4RL normalized scores as mean ± standard error, and the waypoint expert on the same seeds as a reference row.
/// </summary>
internal static class Maze2DEvalCommand
{
    public static Command Build()
    {
        var maze = new Option<string>("--maze") { DefaultValueFactory = _ => "umaze", Description = "umaze | medium | large" };
        var policy = new Option<string>("--policy") { Required = true, Description = "A trained Diffuser folder (models/…, runs/…/checkpoints/step-…)" };
        var episodes = new Option<int>("--episodes") { DefaultValueFactory = _ => 100, Description = "Episodes (the paper: 100)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "First reset seed" };
        var multi = new Option<bool>("--multi") { Description = "Multi2D: a random goal per episode" };
        var replan = new Option<int?>("--replan") { Description = "Replan every K steps from the current state, toward the goal by the first plan's arrival (default: plan once, as the paper)" };
        var sampler = new Option<string?>("--sampler") { Description = "Sampler (default: the planner's, DDPM over the training steps); e.g. dpmpp_2m" };
        var steps = new Option<int?>("--steps") { Description = "Sampler steps (default: the planner's; 20 when --sampler is given)" };
        var sNoise = SNoiseOption();
        var json = new Option<FileInfo?>("--json") { Description = "Write per-episode seeds, returns and normalized scores as JSON" };
        var gif = new Option<FileInfo?>("--gif") { Description = "Write one episode with its plan as an animated GIF" };
        var gifSeed = new Option<long?>("--gif-seed")
        {
            Description = "Which episode --gif draws, by its seed (default: the first). The episodes of a run share one batched " +
                          "sampler call, so this is how to watch episode S of a run: --episodes 1 --seed S draws other noise",
        };
        var guide = new Maze2DGuidanceOptions();
        var command = new Command("maze2d",
            "Evaluate a Diffuser planner on Maze2D.\nExample: robodiff eval maze2d --maze umaze --policy models/diffuser_maze2d_umaze --episodes 100 --seed 0")
        {
            maze, policy, episodes, seed, multi, replan, sampler, steps, sNoise, json, gif, gifSeed,
        };
        foreach (var option in guide.All) command.Options.Add(option);
        command.SetAction(r => CliErrors.Guard("eval maze2d", () =>
        {
            var envConfig = new Maze2DConfig { Maze = Maze2DLayouts.Parse(r.GetValue(maze)!), MultiGoal = r.GetValue(multi) };
            using var planner = DiffuserPlanner.Load(r.GetValue(policy)!);
            var inference = Inference(planner, r.GetValue(sampler), r.GetValue(steps), r.GetValue(sNoise));
            var (value, guidance) = guide.Load(r, planner);
            using (value)
                return Run(planner, r.GetValue(policy)!, envConfig, r.GetValue(episodes), r.GetValue(seed), inference, r.GetValue(replan),
                    r.GetValue(json)?.FullName, r.GetValue(gif)?.FullName, guidance, r.GetValue(guide.NoGoal), r.GetValue(gifSeed));
        }));
        return command;
    }

    /// <summary>--s-noise, the scale of each sampler step's fresh noise (for eval and plan).</summary>
    internal static Option<double?> SNoiseOption() => new("--s-noise")
    {
        Description = "Scale of each sampler step's fresh noise, k-diffusion's s_noise (default 1, as Diffuser; Decision Diffuser samples at 0.5)",
    };

    /// <summary>The planner's default sampler, or the named one with the given (or 20) steps.</summary>
    internal static PolicyInference Inference(DiffuserPlanner planner, string? sampler, int? steps, double? sNoise = null)
    {
        var d = sNoise is { } s ? planner.Config.DefaultInference with { SNoise = s } : planner.Config.DefaultInference;
        if (sampler is null) return (steps is { } n ? d with { Steps = n } : d).Validated();
        return (d with { Sampler = SamplerRegistry.Parse(sampler), Steps = steps ?? 20 }).Validated();
    }

    internal static int Run(DiffuserPlanner planner, string name, Maze2DConfig envConfig, int episodes, long seed, PolicyInference inference,
        int? replan, string? jsonPath, string? gifPath, PlanGuidance? guidance = null, bool noGoal = false, long? gifSeed = null)
    {
        var drawn = GifEpisode(seed, episodes, gifSeed, gifPath is not null);
        var clock = Stopwatch.StartNew();
        var (frames, renderer) = (new List<Frame>(), gifPath is null ? null : new Maze2DRenderer(Maze2DLayouts.Layout(envConfig.Maze)));
        var results = Maze2DPlanRollout.Run(planner, envConfig, episodes, seed, inference, replan, (i, env, plan) =>
        {
            if (renderer is null || i != drawn || env.Steps % 4 != 0) return;
            var o = env.Observation();
            frames.Add(renderer.Render(o[0], o[1], env.Goal.X, env.Goal.Y, 32, plan));
        }, guidance, noGoal);
        var seconds = clock.Elapsed.TotalSeconds;
        renderer?.Dispose();
        using var expertEnv = new Maze2DEnv(envConfig);
        var expert = Enumerable.Range(0, episodes).Select(i => Maze2DExpert.Play(expertEnv, seed + i)).ToList();
        var label = $"{SamplerRegistry.Name(inference.Sampler)} × {inference.Steps}"
                    + (inference.SNoise != 1 ? $", s_noise {inference.SNoise}" : "")
                    + $"{(replan is { } k ? $", replan every {k}" : ", plan once")}"
                    + Maze2DGuidanceOptions.Label(guidance, noGoal);
        var planned = Summary.Of(results.Select(e => e.NormalizedScore));
        var returns = Summary.Of(results.Select(e => e.Return));
        var reference = Summary.Of(expert.Select(e => e.NormalizedScore));
        var walls = results.Count(e => e.PlansThroughWalls > 0);
        if (jsonPath is not null) WriteJson(jsonPath, name, label, envConfig, results, expert, planned, reference, returns, walls);
        if (gifPath is not null) AtomicFile.WriteVia(gifPath, temp => GifWriter.Write(temp, frames, frameDelayMs: 40));
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]robodiff eval maze2d {Maze2DLayouts.Name(envConfig.Maze)}{(envConfig.MultiGoal ? " (multi2d)" : "")}[/]");
        var expertReturns = Summary.Of(expert.Select(e => e.Return));
        table.AddColumn("policy").AddColumn("return (mean ± s.e.)").AddColumn("normalized score (mean ± s.e.)");
        table.AddRow(Markup.Escape($"{name} ({label})"), $"{returns.Mean:F1} ± {returns.StandardError:F1}", $"[bold]{planned.Mean:F1} ± {planned.StandardError:F1}[/]");
        table.AddRow("waypoint expert", $"{expertReturns.Mean:F1} ± {expertReturns.StandardError:F1}", $"{reference.Mean:F1} ± {reference.StandardError:F1}");
        table.Caption(Markup.Escape($"{episodes} episodes, seeds {seed}…{seed + episodes - 1}, planner wall time {seconds:F1} s; " +
                                    $"a plan passed through a wall in {walls} episode{(walls == 1 ? "" : "s")}"));
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>Index of the episode the GIF draws: <paramref name="gifSeed"/>'s among seed … seed + episodes − 1, else 0.</summary>
    private static int GifEpisode(long seed, int episodes, long? gifSeed, bool drawsGif)
    {
        if (gifSeed is not { } g) return 0;
        if (!drawsGif) throw new ArgumentException("--gif-seed chooses the episode of --gif; pass --gif too.");
        if (g < seed || g >= seed + episodes)
            throw new ArgumentException($"--gif-seed {g} is not one of this run's seeds {seed}…{seed + episodes - 1}.");
        return (int)(g - seed);
    }

    private static void WriteJson(string path, string name, string label, Maze2DConfig env, IReadOnlyList<Maze2DPlanEpisode> results,
        IReadOnlyList<Maze2DEpisodeResult> expert, Summary planned, Summary reference, Summary returns, int episodesWithPlansThroughWalls)
    {
        var report = new
        {
            maze = Maze2DLayouts.Name(env.Maze), multi_goal = env.MultiGoal, policy = name, sampler = label,
            mean = planned.Mean, standard_error = planned.StandardError,
            return_mean = returns.Mean, return_standard_error = returns.StandardError,
            expert_mean = reference.Mean, expert_standard_error = reference.StandardError,
            episodes_with_plans_through_walls = episodesWithPlansThroughWalls,
            episodes = results.Zip(expert, (p, e) => new
            {
                seed = p.Seed, start = new[] { p.Start.X, p.Start.Y }, goal = new[] { p.Goal.X, p.Goal.Y },
                @return = p.Return, normalized_score = p.NormalizedScore, first_reward_step = p.FirstRewardStep,
                plans_through_walls = p.PlansThroughWalls, expert_return = e.Return, expert_normalized_score = e.NormalizedScore,
                plan_arrival_step = p.Tracking?.PlanArrivalStep, lag_at_plan_end = p.Tracking?.LagAtPlanEnd,
                plan_velocity_mismatch = p.Tracking?.VelocityMismatch, plan_max_speed = p.Tracking?.MaxSpeed,
            }),
        };
        AtomicFile.WriteText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Mean and standard error of the mean (sample standard deviation / √n; 0 for one episode).</summary>
    internal readonly record struct Summary(double Mean, double StandardError)
    {
        public static Summary Of(IEnumerable<double> values)
        {
            var v = values.ToList();
            var mean = v.Average();
            var se = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1) / v.Count) : 0;
            return new(mean, se);
        }
    }
}
