using RoboDiffusion.Checkpoints;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;
using Policy = RoboDiffusion.Policies.DiffusionPolicy.DiffusionPolicy;

namespace RoboDiffusion.Tests.Policies.DiffusionPolicy;

public sealed class DiffusionPolicyTests(TinyPushTData data) : IClassFixture<TinyPushTData>
{
    /// <summary>Raw observation histories [B, To, D] of the first <paramref name="b"/> windows of the dataset.</summary>
    private static Dictionary<string, Tensor> Observations(Policy policy, string dataset, int b)
    {
        var table = LeRobotReader.Read(dataset).Data.ToFrameTable();
        var c = policy.Config;
        var sampler = new SequenceSampler(table, c.Horizon, c.ObsSteps - 1, c.ActionSteps - 1, c.ObservationKeys);
        return sampler.Batch([.. Enumerable.Range(0, b).Select(i => i * 7)]);
    }

    [Fact]
    public void Resolving_the_config_derives_the_network_widths_from_the_data()
    {
        using var training = new DiffusionPolicyTraining(data.Config(data.NewDir("resolve")));
        var c = training.Policy.Config;
        Assert.Equal([18, 2], c.ObservationDims);          // 9 keypoints × (x, y), agent (x, y)
        Assert.Equal(2, c.ActionDim);
        Assert.Equal(2 * 20, c.Unet.GlobalCondDim);        // To · F, the paper's 40 for Push-T
        Assert.Equal(2, c.Unet.InputDim);
    }

    [Theory]
    [InlineData(9)]    // Ta > Tp − To + 1 = 7
    [InlineData(0)]
    public void Action_steps_outside_the_chunk_are_rejected(int actionSteps)
    {
        var config = data.Config(data.NewDir("bad")) is var c ? c with { Policy = c.Policy with { ActionSteps = actionSteps } } : null!;
        var e = Assert.Throws<ArgumentException>(() => new DiffusionPolicyTraining(config));
        Assert.Contains("ActionSteps", e.Message);
    }

    [Fact]
    public void A_few_hundred_steps_reduce_the_loss_on_a_tiny_dataset()
    {
        var dir = data.NewDir("loss");
        using var training = new DiffusionPolicyTraining(data.Config(dir, steps: 300, checkpointEvery: 0));
        training.Run();
        var losses = new MetricsLog(Path.Combine(dir, "metrics.jsonl")).ReadAll().Select(r => r["loss"]).ToList();
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss went from {losses[0]:G3} to {losses[^1]:G3}");
    }

    [Fact]
    public void Sampled_actions_have_the_chunk_shape_and_stay_inside_the_dataset_range()
    {   // With x̂₀ clipped to [−1, 1], DDPM's last step returns x̂₀ itself: unnormalized, it lies in [min, max] of the data.
        using var training = new DiffusionPolicyTraining(data.Config(data.NewDir("shape"), steps: 5));
        var policy = training.Policy;
        var obs = Observations(policy, data.Dataset, 3);
        using var g = new Generator(1);
        using var chunk = policy.PredictChunk(obs, g);
        using var actions = policy.SelectActions(obs, g);
        Assert.Equal([3L, 8, 2], chunk.shape);
        Assert.Equal([3L, 4, 2], actions.shape);
        var n = policy.Normalizer["action"];
        for (var d = 0; d < 2; d++)
        {
            var column = chunk[.., .., d];
            Assert.True(column.min().ToDouble() >= n.Min[d] - 1e-3 && column.max().ToDouble() <= n.Max[d] + 1e-3);
        }
    }

    [Fact]
    public void Actions_are_rows_To_minus_1_to_To_minus_2_plus_Ta_of_the_chunk()
    {
        using var training = new DiffusionPolicyTraining(data.Config(data.NewDir("rows"), steps: 5));
        var policy = training.Policy;
        var obs = Observations(policy, data.Dataset, 2);
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var chunk = policy.PredictChunk(obs, g1);
        using var actions = policy.SelectActions(obs, g2);
        Assert.True(chunk[.., 1..5].equal(actions).all().ToBoolean());
    }

    [Fact]
    public void A_checkpoint_loads_back_to_a_policy_that_gives_identical_actions()
    {
        var dir = data.NewDir("roundtrip");
        using var training = new DiffusionPolicyTraining(data.Config(dir, steps: 20));
        var result = training.Run();
        training.Trainer.Ema!.CopyTo(training.Policy.Model);     // a loaded policy uses the EMA weights
        training.Policy.Model.eval();
        using var loaded = Policy.Load(result.Checkpoint!);
        var obs = Observations(training.Policy, data.Dataset, 3);
        foreach (var sampler in new[] { SamplerKind.Ddpm, SamplerKind.DpmPp2M })
        {
            var inference = new PolicyInference { Sampler = sampler, Steps = 10 };
            using var g1 = new Generator(11);
            using var g2 = new Generator(11);
            using var a = training.Policy.SelectActions(obs, g1, inference);
            using var b = loaded.SelectActions(obs, g2, inference);
            Assert.True(a.equal(b).all().ToBoolean(), $"{sampler}: actions differ after the round trip");
        }
    }

    [Fact]
    public void Resuming_a_stopped_run_ends_with_the_weights_of_an_uninterrupted_one()
    {
        var straight = data.NewDir("straight");
        using (var t = new DiffusionPolicyTraining(data.Config(straight, steps: 30))) t.Run();
        var split = data.NewDir("split");
        using (var t = new DiffusionPolicyTraining(data.Config(split, steps: 30))) t.Run(stopAt: 10);
        using (var t = new DiffusionPolicyTraining(data.Config(split, steps: 30)))
        {
            Assert.True(t.Resume());
            Assert.Equal(10, t.Trainer.Step);
            t.Run();
        }
        AssertSameTensors(Path.Combine(straight, "checkpoints", "step-00000030"), Path.Combine(split, "checkpoints", "step-00000030"));
    }

    [Fact]
    public void A_checkpoint_without_its_normalizer_is_rejected_naming_the_file()
    {
        var dir = data.NewDir("nonorm");
        using (var t = new DiffusionPolicyTraining(data.Config(dir, steps: 2))) t.Run();
        var checkpoint = new CheckpointStore(Path.Combine(dir, "checkpoints")).Latest()!;
        File.Delete(Path.Combine(checkpoint, Policy.NormalizerFile));
        var e = Assert.Throws<FileNotFoundException>(() => Policy.Load(checkpoint));
        Assert.Contains(Policy.NormalizerFile, e.Message);
    }

    [Fact]
    public void A_truncated_weight_file_is_rejected_with_the_reason()
    {
        var dir = data.NewDir("trunc");
        using (var t = new DiffusionPolicyTraining(data.Config(dir, steps: 2))) t.Run();
        var checkpoint = new CheckpointStore(Path.Combine(dir, "checkpoints")).Latest()!;
        var ema = Path.Combine(checkpoint, CheckpointStore.EmaFile);
        var bytes = File.ReadAllBytes(ema);
        File.WriteAllBytes(ema, bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsAny<Exception>(() => Policy.Load(checkpoint));
        Assert.Contains(CheckpointStore.EmaFile, e.Message);
    }

    [Fact]
    public void A_policy_config_with_an_unknown_key_in_the_checkpoint_is_rejected()
    {
        var dir = data.NewDir("badjson");
        using (var t = new DiffusionPolicyTraining(data.Config(dir, steps: 2))) t.Run();
        var checkpoint = new CheckpointStore(Path.Combine(dir, "checkpoints")).Latest()!;
        var json = Path.Combine(checkpoint, CheckpointStore.ConfigFile);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"obs_steps\"", "\"obs_stepz\""));
        var e = Assert.Throws<InvalidDataException>(() => Policy.Load(checkpoint));
        Assert.Contains("obs_stepz", e.Message);
    }

    [Fact]
    public void The_transformer_variant_trains_and_samples_through_the_same_policy()
    {
        var dir = data.NewDir("dpt");
        using var training = new DiffusionPolicyTraining(data.Config(dir, steps: 60, checkpointEvery: 0, network: "transformer"));
        training.Run();
        var losses = new MetricsLog(Path.Combine(dir, "metrics.jsonl")).ReadAll().Select(r => r["loss"]).ToList();
        Assert.True(losses[^1] < losses[0], $"loss went from {losses[0]:G3} to {losses[^1]:G3}");
        using var g = new Generator(2);
        using var actions = training.Policy.SelectActions(Observations(training.Policy, data.Dataset, 2), g,
            new PolicyInference { Sampler = SamplerKind.Ddim, Steps = 5 });
        Assert.Equal([2L, 4, 2], actions.shape);
    }

    [Fact]
    public void The_image_variant_trains_end_to_end_and_plans_from_frames()
    {   // ResNet-18 + spatial softmax on 64×64 crops of the 96×96 frames, agent position as the only low-dim input.
        var dir = data.NewDir("image");
        var c = data.Config(dir, steps: 60, checkpointEvery: 0);
        c = c with
        {
            BatchSize = 8,
            Policy = c.Policy with { ObservationKeys = ["observation.state"], ImageKey = "observation.image", Image = c.Policy.Image with { CropSize = 64, FeatureDim = 16 } },
        };
        using var training = new DiffusionPolicyTraining(c);
        Assert.Equal(96, training.Policy.Config.Image.ImageSize);           // read from the dataset
        Assert.Equal(2 * (2 + 16), training.Policy.Config.Unet.GlobalCondDim);
        training.Run();
        var losses = new MetricsLog(Path.Combine(dir, "metrics.jsonl")).ReadAll().Select(r => r["loss"]).ToList();
        Assert.True(losses[^1] < 0.9 * losses[0], $"loss went {string.Join(" → ", losses.Select(l => l.ToString("G3")))}");
        training.Policy.Model.eval();
        var table = LeRobotReader.Read(data.Dataset).Data.ToFrameTable();
        var sampler = new SequenceSampler(table, 8, 1, 3, ["observation.state"]);
        var obs = sampler.Batch([0, 50]);
        obs["observation.image"] = sampler.PixelBatch([0, 50], "observation.image", 2);
        using var g = new Generator(4);
        using var actions = training.Policy.SelectActions(obs, g, new PolicyInference { Sampler = SamplerKind.Ddim, Steps = 4 });
        Assert.Equal([2L, 4, 2], actions.shape);
    }

    private static void AssertSameTensors(string dirA, string dirB)
    {
        foreach (var file in new[] { CheckpointStore.ModelFile, CheckpointStore.EmaFile })
        {
            using var a = Safetensors.Load(Path.Combine(dirA, file));
            using var b = Safetensors.Load(Path.Combine(dirB, file));
            foreach (var (name, t) in a.Tensors)
                Assert.True(t.equal(b[name]).all().ToBoolean(), $"{file}: {name} differs");
        }
    }
}
