using System.Text.Json.Nodes;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Runtime;
using RoboDiffusion.Tests.Checkpoints;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Diffuser;

/// <summary>Value training (returns-to-go, the value pipeline) and value-guided planning without goal inpainting.</summary>
public sealed class ValueGuidanceTests
{
    private static readonly double[] Starts = [3.0, 1.0, 0.5, -0.2, 1.1, 2.9, 0.0, 0.0, 2.0, 2.0, 0.0, 1.0, 1.0, 3.0, -1.0, 0.0];   // 4 × (x, y, vx, vy)
    private static readonly PolicyInference Ddpm10 = new() { Sampler = RoboDiffusion.Diffusion.Samplers.SamplerKind.Ddpm, Steps = 10 };

    public ValueGuidanceTests() => TorchRuntime.Initialize();

    [Fact]
    public void Returns_to_go_of_a_constant_reward_are_geometric_sums()
    {   // r ≡ 1 over L = 50 frames: G_t = Σ_{k<L−t} γ^k = (1 − γ^{L−t}) / (1 − γ)
        const double gamma = 0.99;
        var g = ValueObjective.ReturnsToGo(Enumerable.Repeat(1f, 50).ToArray(), [(0, 50)], gamma);
        for (var t = 0; t < 50; t++) Assert.Equal((1 - Math.Pow(gamma, 50 - t)) / (1 - gamma), g[t], 1e-4);
    }

    [Fact]
    public void Returns_to_go_of_a_sparse_reward_discount_the_wait_for_it()
    {   // reward 1 only on the last 5 of 30 frames: G_0 = γ^25·(1 − γ^5)/(1 − γ), and nothing leaks into the next episode
        const double gamma = 0.99;
        var r = Enumerable.Range(0, 40).Select(t => t is >= 25 and < 30 ? 1f : 0f).ToArray();
        var g = ValueObjective.ReturnsToGo(r, [(0, 30), (30, 40)], gamma);
        Assert.Equal(Math.Pow(gamma, 25) * (1 - Math.Pow(gamma, 5)) / (1 - gamma), g[0], 1e-4);
        Assert.All(g[30..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Short_value_training_lowers_the_loss_and_its_checkpoint_loads_as_a_value()
    {
        using var dir = new TempDir();
        var dataset = Path.Combine(dir.Path, "data");
        LeRobotWriter.Write(MazeLikeData(), dataset);
        var config = new ValueTrainConfig
        {
            Dataset = dataset, Model = TinyPlanner.Config(), BatchSize = 8,
            Training = new TrainConfig
            {
                Steps = 60, LearningRate = 3e-3, Schedule = LrSchedule.Constant, WarmupSteps = 0, UseEma = false, LogEvery = 10,
                OutputDir = Path.Combine(dir.Path, "run"), Progress = ProgressMode.None,
            },
        };
        string checkpoint;
        using (var training = new ValueTraining(config))
        {
            Assert.Equal(3 * (80 - 64 + 1), training.Windows);
            checkpoint = training.Run().Checkpoint!;
        }
        var losses = File.ReadLines(Path.Combine(dir.Path, "run", "metrics.jsonl"))
            .Select(l => JsonNode.Parse(l)!["loss"]!.GetValue<double>()).ToList();
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]:G3} → {losses[^1]:G3}");
        using var value = DiffuserValue.Load(checkpoint);
        Assert.Equal(64, value.Config.Planner.Horizon);
        Assert.Equal(0.99, value.Config.Discount);
        using var plan = zeros(2, 64, 6);
        using var v = value.Evaluate(plan);
        Assert.Equal([2L], v.shape);
    }

    [Fact]
    public void Value_guidance_brings_free_plan_ends_closer_to_a_target()
    {   // Toy value J = −‖p − target‖² of the last normalized position p; with only the start inpainted the end may move.
        // A step of 0.25 on ∇J = −2(p − target) halves the distance, so 2 steps per call quarter it in the last call alone.
        using var planner = TinyPlanner.Create();
        var xy = TensorIndex.Slice(planner.Config.ActionDim, planner.Config.ActionDim + 2);
        using var target = tensor(new[] { 0.9f, -0.9f });
        Func<Tensor, Tensor> value = x => -(x[.., -1, xy] - target).square().sum(1);
        var guidance = new PlanGuidance(value, new GradientGuidanceOptions { Scale = 0.25, InnerSteps = 2 });
        using var starts = tensor(Starts, [4, 4]);
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var plain = planner.Normalize(planner.Plan(starts, null, g1, Ddpm10));
        using var guided = planner.Normalize(planner.Plan(starts, null, g2, Ddpm10, guidance));
        var dPlain = (plain[.., -1, xy] - target).norm(1).mean().item<float>();
        var dGuided = (guided[.., -1, xy] - target).norm(1).mean().item<float>();
        Assert.True(dGuided < 0.5 * dPlain, $"mean distance of the plan ends to the target: unguided {dPlain:F3}, guided {dGuided:F3}");
    }

    [Fact]
    public void Without_a_goal_the_start_stays_exact_and_the_last_observation_is_free()
    {
        using var planner = TinyPlanner.Create();
        using var starts = tensor(Starts, [4, 4]);
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        using var a = planner.Plan(starts, null, g1, Ddpm10);
        using var b = planner.Plan(starts, null, g2, Ddpm10);
        var first = a[.., 0, 2..].to(ScalarType.Float64).data<double>().ToArray();
        for (var i = 0; i < Starts.Length; i++) Assert.Equal(Starts[i], first[i], 1e-5);   // float32 normalize/unnormalize
        Assert.True(a[.., 0, 2..].allclose(b[.., 0, 2..], 1e-6, 1e-6));
        var spread = (a[.., -1, 2..] - b[.., -1, 2..]).abs().max().item<float>();
        Assert.True(spread > 1e-2, $"the last observations of two noise seeds differ by only {spread}: they look pinned");
    }

    [Fact]
    public void A_value_for_another_horizon_width_or_normalizer_is_rejected()
    {
        using var planner = TinyPlanner.Create();
        var options = new GradientGuidanceOptions();
        using var shorter = new DiffuserValue(new ValueModelConfig { Planner = TinyPlanner.Config() with { Horizon = 32 } }, TinyPlanner.Normalizer());
        Assert.Contains("horizon 32", Assert.Throws<ArgumentException>(() => shorter.Guidance(planner, options)).Message);
        var wide = TinyPlanner.Config().Resolved(4, 3);
        var wideNormalizer = new NormalizerSet(new Dictionary<string, MinMaxNormalizer>
        {
            ["observation.state"] = MinMaxNormalizer.FromStats([0, 0, -3, -3], [4, 4, 3, 3]),
            ["action"] = MinMaxNormalizer.FromStats([-1, -1, -1], [1, 1, 1]),
        });
        using var wider = new DiffuserValue(new ValueModelConfig { Planner = wide }, wideNormalizer);
        Assert.Contains("3 action", Assert.Throws<ArgumentException>(() => wider.Guidance(planner, options)).Message);
        var otherStats = new NormalizerSet(new Dictionary<string, MinMaxNormalizer>
        {
            ["observation.state"] = MinMaxNormalizer.FromStats([0, 0, -5, -5], [4, 4, 5, 5]),
            ["action"] = MinMaxNormalizer.FromStats([-1, -1], [1, 1]),
        });
        using var renormalized = new DiffuserValue(new ValueModelConfig { Planner = TinyPlanner.Config() }, otherStats);
        Assert.Contains("normalizes 'observation.state'", Assert.Throws<ArgumentException>(() => renormalized.Guidance(planner, options)).Message);
    }

    [Fact]
    public void Bad_value_folders_and_configs_get_clear_errors()
    {
        using var dir = new TempDir();
        Assert.Throws<DirectoryNotFoundException>(() => DiffuserValue.Load(Path.Combine(dir.Path, "missing")));
        File.WriteAllText(Path.Combine(dir.Path, "config.json"), """{"train": {}, "model": {"horizon": 64, "unet": {}}}""");
        var e = Assert.Throws<InvalidDataException>(() => DiffuserValue.Load(dir.Path));   // a planner's config, not a value's
        Assert.Contains("not a value-network folder", e.Message);
        var both = new ValueTrainConfig { Planner = "models/x", Model = TinyPlanner.Config() };
        Assert.Contains("exactly one of 'planner'", Assert.Throws<ArgumentException>(() => both.Validated()).Message);
        var badGamma = new ValueTrainConfig { Model = TinyPlanner.Config(), Discount = 1.5 };
        Assert.Contains("'discount'", Assert.Throws<ArgumentException>(() => badGamma.Validated()).Message);
    }

    [Fact]
    public void Value_training_names_the_valid_columns_when_the_reward_column_is_missing()
    {
        using var dir = new TempDir();
        var dataset = Path.Combine(dir.Path, "data");
        LeRobotWriter.Write(MazeLikeData(), dataset);
        var config = new ValueTrainConfig
        {
            Dataset = dataset, Model = TinyPlanner.Config(), RewardKey = "reward",
            Training = new TrainConfig { Steps = 1, OutputDir = Path.Combine(dir.Path, "run"), Progress = ProgressMode.None },
        };
        var e = Assert.Throws<KeyNotFoundException>(() => new ValueTraining(config));
        Assert.Contains("next.reward", e.Message);
    }

    /// <summary>3 episodes of 80 frames drifting toward (1, 1), rewarded (1) within 0.5 of it.</summary>
    private static EpisodeDataset MazeLikeData()
    {
        var rng = new Random(0);
        var episodes = Enumerable.Range(0, 3).Select(e =>
        {
            var b = new EpisodeBuilder(Maze2DFeatures.Create(), Maze2DFeatures.Task);
            var (x, y) = (3.0 - e * 0.5, 3.0);
            for (var t = 0; t < 80; t++)
            {
                var (ax, ay) = (Math.Clamp(1 - x + 0.2 * (rng.NextDouble() - 0.5), -1, 1), Math.Clamp(1 - y, -1, 1));
                var (vx, vy) = (0.05 * ax, 0.05 * ay);
                (x, y) = (x + vx, y + vy);
                b.Append(Maze2DFeatures.State, new[] { x, y, vx, vy }.AsSpan());
                b.Append(Maze2DFeatures.Goal, new[] { 1.0, 1.0 }.AsSpan());
                b.Append(Maze2DFeatures.Action, new[] { ax, ay }.AsSpan());
                b.Append(Maze2DFeatures.Reward, new[] { Math.Sqrt((x - 1) * (x - 1) + (y - 1) * (y - 1)) < 0.5 ? 1.0 : 0.0 }.AsSpan());
                b.Append(Maze2DFeatures.Done, t == 79);
            }
            return b.Build();
        }).ToList();
        return new EpisodeDataset(Maze2DFeatures.Fps, Maze2DFeatures.Create(), episodes, Maze2DFeatures.RobotType);
    }
}
