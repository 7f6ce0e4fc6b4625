using System.Text.Json;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Cli;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Training;
using SkiaSharp;
using TorchSharp;

namespace RoboDiffusion.Tests.Cli.Maze2D;

[Collection("Console")]
public sealed class DiffuserCliTests(TinyMaze2DRun run) : IClassFixture<TinyMaze2DRun>
{
    private static (int Code, string Error) Invoke(params string[] args)
    {
        var (error, saved) = (new StringWriter(), Console.Error);
        Console.SetError(error);
        try { return (RobodiffApp.Build().Parse(args).Invoke(), error.ToString()); }
        finally { Console.SetError(saved); }
    }

    [Fact]
    public void A_hundred_steps_lower_the_loss_on_collected_umaze_data()
    {
        var losses = new MetricsLog(Path.Combine(run.OutputDir, "metrics.jsonl")).ReadAll().Select(r => r["loss"]).ToList();
        Assert.Equal(100, run.Result.Step);
        Assert.True(losses[^1] < 0.6 * losses[0], $"loss went from {losses[0]:G3} to {losses[^1]:G3}");
    }

    [Fact]
    public void A_loaded_checkpoint_plans_exactly_as_the_trained_model()
    {
        using var planner = DiffuserPlanner.Load(run.Checkpoint);
        using var g = new torch.Generator(5);
        using var plan = planner.Plan(TinyMaze2DRun.Start, TinyMaze2DRun.Goal, g);
        Assert.Equal(run.InMemoryPlan, plan.data<float>().ToArray());
        Assert.Equal(32, planner.Config.Horizon);
        Assert.Equal(6, planner.Config.Unet.InputDim);
    }

    [Fact]
    public void Train_command_dispatches_on_the_method_key()
    {
        var dir = run.NewDir("cli-train");
        var yaml = Path.Combine(dir, "run.yaml");
        File.WriteAllText(yaml, run.Yaml(Path.Combine(dir, "out"), steps: 3));
        var (code, error) = Invoke("train", "--config", yaml);
        Assert.True(code == 0, error);
        var checkpoints = Directory.GetDirectories(Path.Combine(dir, "out", "checkpoints"));
        using var planner = DiffuserPlanner.Load(Assert.Single(checkpoints));
        Assert.Equal(32, planner.Config.Horizon);
        Assert.StartsWith("method: diffuser", File.ReadAllText(Path.Combine(dir, "out", "config.yaml")));
    }

    [Fact]
    public void Init_from_continues_another_runs_checkpoint_only_on_data_with_the_same_ranges()
    {
        var dir = run.NewDir("cli-init-from");
        var yaml = Path.Combine(dir, "run.yaml");
        File.WriteAllText(yaml, run.Yaml(Path.Combine(dir, "out"), steps: 104));
        var (code, error) = Invoke("train", "--config", yaml, "--init-from", run.Checkpoint);
        Assert.True(code == 0, error);
        var checkpoint = Assert.Single(Directory.GetDirectories(Path.Combine(dir, "out", "checkpoints")));
        Assert.EndsWith("step-00000104", checkpoint);                                  // went on from the source's step 100
        Assert.Equal(File.ReadAllBytes(Path.Combine(run.Checkpoint, DiffuserPlanner.NormalizerFile)),
            File.ReadAllBytes(Path.Combine(checkpoint, DiffuserPlanner.NormalizerFile)));

        // Other data (another seed's 2,000 steps) has other ranges: the source's weights were trained on a different scale.
        var other = Path.Combine(dir, "other-data");
        Maze2DCollectCommand.Run(Maze2DMaze.UMaze, 2_000, seed: 9, noise: 0, other, overwrite: false);
        (code, error) = Invoke("train", "--config", yaml, "--output", Path.Combine(dir, "out2"), "--dataset", other, "--init-from", run.Checkpoint);
        Assert.Equal(2, code);
        Assert.Contains($"{DiffuserPlanner.NormalizerFile} of checkpoint '{run.Checkpoint}' differs", error);
    }

    [Fact]
    public void Init_from_a_shipped_model_folder_goes_on_from_its_weights_and_step()
    {
        var dir = run.NewDir("cli-init-from-model");
        var model = Path.Combine(dir, "model");
        Directory.CreateDirectory(model);
        foreach (var file in Directory.GetFiles(run.Checkpoint).Where(f => Path.GetFileName(f) != CheckpointStore.OptimizerFile))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));           // a shipped model of a run without EMA
        var yaml = Path.Combine(dir, "run.yaml");
        File.WriteAllText(yaml, run.Yaml(Path.Combine(dir, "out"), steps: 102));
        var (code, error) = Invoke("train", "--config", yaml, "--init-from", model);
        Assert.True(code == 0, error);
        var checkpoint = Assert.Single(Directory.GetDirectories(Path.Combine(dir, "out", "checkpoints")));
        Assert.EndsWith("step-00000102", checkpoint);
        using var planner = DiffuserPlanner.Load(checkpoint);
        Assert.Equal(32, planner.Config.Horizon);
    }

    [Fact]
    public void Unknown_methods_and_keys_are_errors_with_their_line()
    {
        var dir = run.NewDir("cli-bad");
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "method: difuser\ndataset: x\n");
        var (code, error) = Invoke("train", "--config", bad);
        Assert.Equal(2, code);
        Assert.Contains("Valid methods: diffusion_policy, diffuser", error);
        File.WriteAllText(bad, "method: diffuser\ndataset: x\nplaner: {}\n");
        (code, error) = Invoke("train", "--config", bad);
        Assert.Equal(2, code);
        Assert.Contains(":3: unknown key 'planer'", error);
    }

    [Fact]
    public void Eval_reports_per_episode_normalized_scores_and_the_expert_on_the_same_seeds()
    {
        var dir = run.NewDir("cli-eval");
        var (json, gif) = (Path.Combine(dir, "eval.json"), Path.Combine(dir, "eval.gif"));
        var (code, error) = Invoke("eval", "maze2d", "--maze", "umaze", "--policy", run.Checkpoint, "--episodes", "2", "--seed", "4",
            "--json", json, "--gif", gif);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var episodes = doc.RootElement.GetProperty("episodes").EnumerateArray().ToList();
        var layout = Maze2DLayouts.Layout(Maze2DMaze.UMaze);
        Assert.Equal([4L, 5L], episodes.Select(e => e.GetProperty("seed").GetInt64()));
        foreach (var e in episodes)
        {   // D4RL maze2d-umaze-v1 references: random 23.85, expert 161.86
            Assert.Equal(100 * (e.GetProperty("return").GetDouble() - 23.85) / (161.86 - 23.85), e.GetProperty("normalized_score").GetDouble(), 9);
            Assert.Equal(100 * (e.GetProperty("expert_return").GetDouble() - 23.85) / (161.86 - 23.85), e.GetProperty("expert_normalized_score").GetDouble(), 9);
            Assert.InRange(e.GetProperty("plans_through_walls").GetInt32(), 0, 1);                 // plan once: one plan per episode
            var (start, goal) = (Xy(e, "start"), Xy(e, "goal"));
            Assert.True(Maze2DGeometry.IsFree(layout, start.X, start.Y), $"start {start} overlaps a wall");
            Assert.Equal((1.0, 1.0), goal);                                                         // U-Maze's 'G' cell, row 1 column 1
            Assert.InRange(e.GetProperty("plan_arrival_step").GetInt32(), -1, 31);                 // a waypoint of the H = 32 plan
            Assert.InRange(e.GetProperty("lag_at_plan_end").GetDouble(), 0, 4);                    // due at step 31 of 300
            Assert.True(e.GetProperty("plan_velocity_mismatch").GetDouble() >= 0);
            Assert.True(e.GetProperty("plan_max_speed").GetDouble() >= 0);
        }
        Assert.Equal(episodes.Count(e => e.GetProperty("plans_through_walls").GetInt32() > 0),
            doc.RootElement.GetProperty("episodes_with_plans_through_walls").GetInt32());
        Assert.True(new FileInfo(gif).Length > 0);
    }

    private static (double X, double Y) Xy(JsonElement episode, string name)
    {
        var xy = episode.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return (xy[0], xy[1]);
    }

    [Fact]
    public void Eval_draws_the_episode_named_by_gif_seed_and_rejects_seeds_outside_the_run()
    {
        var dir = run.NewDir("cli-eval-gif");
        byte[] Gif(string name, params string[] extra)
        {
            var path = Path.Combine(dir, name);
            var (code, error) = Invoke(["eval", "maze2d", "--policy", run.Checkpoint, "--episodes", "2", "--seed", "4", "--gif", path, .. extra]);
            Assert.True(code == 0, error);
            return File.ReadAllBytes(path);
        }
        var first = Gif("first.gif");
        Assert.Equal(first, Gif("four.gif", "--gif-seed", "4"));      // the default is the first seed
        Assert.NotEqual(first, Gif("five.gif", "--gif-seed", "5"));   // seed 5 starts elsewhere
        var (outside, message) = Invoke("eval", "maze2d", "--policy", run.Checkpoint, "--episodes", "2", "--seed", "4",
            "--gif", Path.Combine(dir, "x.gif"), "--gif-seed", "6");
        Assert.Equal(2, outside);
        Assert.Contains("--gif-seed 6 is not one of this run's seeds 4…5", message);
    }

    [Fact]
    public void Eval_replans_with_a_fast_sampler()
    {
        var json = Path.Combine(run.NewDir("cli-eval-replan"), "eval.json");
        var (code, error) = Invoke("eval", "maze2d", "--policy", run.Checkpoint, "--episodes", "2", "--replan", "100", "--sampler", "dpmpp_2m",
            "--steps", "4", "--json", json);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var e in doc.RootElement.GetProperty("episodes").EnumerateArray())
        {
            Assert.InRange(e.GetProperty("plans_through_walls").GetInt32(), 0, 3);                   // plans at steps 0, 100, 200 of 300
            Assert.Equal(JsonValueKind.Null, e.GetProperty("lag_at_plan_end").ValueKind);          // measured for plan-once runs only
        }
    }

    [Fact]
    public void Replanning_toward_a_goal_with_value_guidance_is_refused_up_front()
    {   // Replans toward a goal are shorter than the horizon the value network scores.
        using var planner = DiffuserPlanner.Load(run.Checkpoint);
        var guidance = new PlanGuidance(x => x.mean([1, 2]), new GradientGuidanceOptions { Scale = 1 });
        var e = Assert.Throws<ArgumentException>(() => Maze2DPlanRollout.Run(planner, new Maze2DConfig(), 1, 0,
            planner.Config.DefaultInference, replanEvery: 10, guidance: guidance));
        Assert.Contains("pass --no-goal to replan with guidance, or plan once", e.Message);
    }

    [Fact]
    public void Plan_command_draws_the_denoising_over_the_maze()
    {
        var png = Path.Combine(run.NewDir("cli-plan"), "plan.png");
        var (code, error) = Invoke("plan", "maze2d", "--maze", "umaze", "--policy", run.Checkpoint, "--start", "3,1", "--goal", "1,1", "--out", png);
        Assert.True(code == 0, error);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((5 * 64, 5 * 64), (bitmap.Width, bitmap.Height));      // 5×5 cells of 64 px
    }

    [Theory]
    [InlineData("umaze", "2,1", "inside a wall")]          // row 2 of U-Maze is '###O#': (2, 1) is a wall
    [InlineData("tiny", "3,1", "Valid names: umaze, medium, large")]
    [InlineData("umaze", "3;1", "--start must be two numbers")]
    public void Plan_command_rejects_bad_inputs_clearly(string maze, string start, string message)
    {
        var png = Path.Combine(run.NewDir("cli-plan-bad"), "plan.png");
        var (code, error) = Invoke("plan", "maze2d", "--maze", maze, "--policy", run.Checkpoint, "--start", start, "--out", png);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }
}
