using RoboDiffusion.Configuration;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;

namespace RoboDiffusion.Tests.Configuration;

public sealed class YamlConfigTests
{
    [Fact]
    public void Keys_left_out_keep_the_record_defaults_and_given_ones_override_them()
    {
        var c = YamlConfig.Parse<DiffusionPolicyTrainConfig>("""
            batch_size: 32
            policy:
              unet: { down_dims: [8, 16] }
              inference: { sampler: dpmpp_2m, steps: 10 }
            """);
        Assert.Equal(32, c.BatchSize);
        Assert.Equal([8, 16], c.Policy.Unet.DownDims);
        Assert.Equal(5, c.Policy.Unet.KernelSize);                       // default kept
        Assert.Equal(SamplerKind.DpmPp2M, c.Policy.Inference.Sampler);
        Assert.Equal(BetaSchedule.SquaredcosCapV2, c.Policy.Objective.Schedule.Schedule);   // the policy's default
        Assert.Equal(new DiffusionPolicyTrainConfig().Training.LearningRate, c.Training.LearningRate);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_key_its_path_the_line_and_the_valid_keys()
    {
        var e = Assert.Throws<InvalidDataException>(() => YamlConfig.Parse<DiffusionPolicyTrainConfig>("""
            batch_size: 32
            training:
              steps: 10
              learning_rat: 0.001
            """, "run.yaml"));
        Assert.Contains("run.yaml:4", e.Message);
        Assert.Contains("'training'", e.Message);
        Assert.Contains("unknown key 'learning_rat'", e.Message);
        Assert.Contains("learning_rate", e.Message);                     // listed among the valid keys
    }

    [Theory]
    [InlineData("batch_size: many", "'batch_size'")]
    [InlineData("batch_size: 2.5", "'batch_size'")]
    [InlineData("policy: { horizon: [1, 2] }", "'policy.horizon'")]
    [InlineData("policy: { unet: { down_dims: 8 } }", "'policy.unet.down_dims'")]
    [InlineData("training: { learning_rate: .nan }", "'training.learning_rate'")]
    public void A_value_of_the_wrong_type_is_an_error_naming_the_key(string yaml, string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => YamlConfig.Parse<DiffusionPolicyTrainConfig>(yaml));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void An_unknown_enum_name_lists_the_valid_names()
    {
        var e = Assert.Throws<InvalidDataException>(() => YamlConfig.Parse<DiffusionPolicyTrainConfig>("policy: { inference: { sampler: eulr } }"));
        Assert.Contains("'policy.inference.sampler'", e.Message);
        Assert.Contains("eulr", e.Message);
        Assert.Contains("euler_ancestral", e.Message);
    }

    [Fact]
    public void A_warm_up_under_the_constant_schedule_is_refused_instead_of_ignored()
    {   // diffusers' get_constant_schedule has no warm-up; constant_with_warmup ramps linearly to the base rate.
        var ignored = YamlConfig.Parse<DiffusionPolicyTrainConfig>("training: { schedule: constant, warmup_steps: 500 }").Training;
        var e = Assert.Throws<ArgumentException>(() => ignored.Validated());
        Assert.Contains("'constant_with_warmup'", e.Message);
        var ramped = YamlConfig.Parse<DiffusionPolicyTrainConfig>("training: { schedule: constant_with_warmup, warmup_steps: 500, learning_rate: 8.0e-4 }")
            .Training.Validated();
        Assert.Equal(4e-4, LearningRates.At(250, ramped), 15);
        Assert.Equal(8e-4, LearningRates.At(500, ramped), 15);
    }

    [Fact]
    public void Warmup_stable_decay_reads_its_decay_steps_from_yaml()
    {
        var c = YamlConfig.Parse<DiffusionPolicyTrainConfig>(
            "training: { schedule: warmup_stable_decay, warmup_steps: 0, steps: 1000, decay_steps: 200, learning_rate: 8.0e-4 }").Training.Validated();
        Assert.Equal(8e-4, LearningRates.At(800, c), 15);
        Assert.Equal(4e-4, LearningRates.At(900, c), 15);
    }

    [Fact]
    public void A_repeated_key_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => YamlConfig.Parse<DiffusionPolicyTrainConfig>("batch_size: 1\nbatch_size: 2\n"));
        Assert.Contains("batch_size", e.Message);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => YamlConfig.Parse<DiffusionPolicyTrainConfig>("policy:\n  unet: { down_dims: [8, 16\n", "x.yaml"));
        Assert.StartsWith("x.yaml:", e.Message);
    }

    [Fact]
    public void Serialized_yaml_parses_back_to_the_same_config()
    {
        var original = new DiffusionPolicyTrainConfig { BatchSize = 7, Dataset = "data/x: y" } is var c
            ? c with { Policy = c.Policy with { Network = PolicyNetwork.Transformer, Unet = c.Policy.Unet with { DownDims = [8, 16] } } } : null!;
        var yaml = YamlConfig.Serialize(original);
        var back = YamlConfig.Parse<DiffusionPolicyTrainConfig>(yaml);
        Assert.Equal(yaml, YamlConfig.Serialize(back));
        Assert.Equal("data/x: y", back.Dataset);
        Assert.Equal(PolicyNetwork.Transformer, back.Policy.Network);
        Assert.Equal([8, 16], back.Policy.Unet.DownDims);
    }

    [Fact]
    public void The_shipped_configs_parse()
    {
        var root = RepositoryPaths.Root;
        var files = Directory.GetFiles(Path.Combine(root, "configs"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var (method, yaml) = RoboDiffusion.Cli.TrainMethod.Read(file);
            _ = method switch
            {
                RoboDiffusion.Cli.TrainMethod.Diffuser => (object)YamlConfig.Parse<DiffuserTrainConfig>(yaml, file).Validated(),
                RoboDiffusion.Cli.TrainMethod.DiffuserValue => YamlConfig.Parse<ValueTrainConfig>(yaml, file).Validated(),
                RoboDiffusion.Cli.TrainMethod.Mpd => YamlConfig.Parse<RoboDiffusion.Planners.Mpd.MpdTrainConfig>(yaml, file).Validated(),
                _ => YamlConfig.Parse<DiffusionPolicyTrainConfig>(yaml, file).Validated(),
            };
        }
    }
}
