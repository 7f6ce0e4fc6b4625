using RoboDiffusion.Cli;
using RoboDiffusion.Configuration;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Runtime;

namespace RoboDiffusion.Tests.Policies.DiffusionPolicy;

/// <summary>
/// Four expert Push-T episodes with 96×96 frames, recorded once per test class (a few seconds), and a baby policy config that trains in
/// seconds on them: a two-level U-Net with 16/32 channels, Tp = 8, Ta = 4.
/// </summary>
public sealed class TinyPushTData : IDisposable
{
    public TinyPushTData()
    {
        TorchRuntime.Initialize();
        Root = Directory.CreateTempSubdirectory("robodiff-policy-").FullName;
        Dataset = Path.Combine(Root, "pusht");
        var code = RobodiffApp.Build().Parse(["collect", "pusht", "--episodes", "4", "--seed", "0", "--images", "--out", Dataset]).Invoke();
        if (code != 0) throw new InvalidOperationException($"collect failed with exit code {code}");
    }

    public string Root { get; }
    public string Dataset { get; }

    /// <summary>The YAML of a baby run writing to <paramref name="outputDir"/>.</summary>
    public string Yaml(string outputDir, long steps = 40, long checkpointEvery = 10, string network = "unet") => $$"""
        dataset: {{Dataset}}
        batch_size: 16
        policy:
          obs_steps: 2
          horizon: 8
          action_steps: 4
          network: {{network}}
          unet: { down_dims: [16, 32], diffusion_step_embed_dim: 16, n_groups: 4 }
          transformer: { n_layer: 2, n_head: 2, n_emb: 32 }
          inference: { sampler: ddpm, steps: 100 }
        training:
          steps: {{steps}}
          learning_rate: 1.0e-3
          warmup_steps: 10
          log_every: 10
          checkpoint_every: {{checkpointEvery}}
          keep_checkpoints: 0
          seed: 3
          output_dir: {{outputDir}}
          progress: none
        eval:
          episodes: 2
          max_steps: 16
        """;

    /// <summary>The baby run as a record.</summary>
    public DiffusionPolicyTrainConfig Config(string outputDir, long steps = 40, long checkpointEvery = 10, string network = "unet") =>
        YamlConfig.Parse<DiffusionPolicyTrainConfig>(Yaml(outputDir, steps, checkpointEvery, network));

    /// <summary>A fresh folder under the fixture's root.</summary>
    public string NewDir(string name) => Directory.CreateDirectory(Path.Combine(Root, $"{name}-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
