using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Configuration;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Cli.Maze2D;

/// <summary>
/// 20 000 steps of U-Maze waypoint data, collected once per test class, and a baby Diffuser (H = 32, U-Net 16/32 channels,
/// 16 diffusion steps) trained on it for 100 steps without EMA; also the plan of the in-memory model for seed 5.
/// </summary>
public sealed class TinyMaze2DRun : IDisposable
{
    public TinyMaze2DRun()
    {
        TorchRuntime.Initialize();
        Root = Directory.CreateTempSubdirectory("robodiff-diffuser-").FullName;
        Dataset = Path.Combine(Root, "umaze");
        Maze2DCollectCommand.Run(Maze2DMaze.UMaze, 20_000, seed: 0, noise: 0, Dataset, overwrite: false);
        OutputDir = Path.Combine(Root, "trained");
        using var training = new DiffuserTraining(YamlConfig.Parse<DiffuserTrainConfig>(Yaml(OutputDir, steps: 100).Replace("method: diffuser", "")));
        Result = training.Run();
        training.Planner.Model.eval();
        using var g = new Generator(5);
        InMemoryPlan = training.Planner.Plan(Start, Goal, g).data<float>().ToArray();
    }

    public string Root { get; }
    public string Dataset { get; }
    public string OutputDir { get; }
    public RoboDiffusion.Training.TrainResult Result { get; }
    public float[] InMemoryPlan { get; }
    public string Checkpoint => Result.Checkpoint!;
    public static Tensor Start => tensor(new[] { 3.0, 1.0, 0.0, 0.0 }, [1, 4]);
    public static Tensor Goal => tensor(new[] { 1.0, 1.0 }, [1, 2]);

    /// <summary>The YAML of a baby run writing to <paramref name="outputDir"/>.</summary>
    public string Yaml(string outputDir, long steps) => $$"""
        method: diffuser
        dataset: {{Dataset}}
        batch_size: 16
        planner:
          horizon: 32
          unet: { down_dims: [16, 32], diffusion_step_embed_dim: 16, n_groups: 4, cond_predict_scale: false }
          objective: { parameterization: sample, schedule: { num_train_timesteps: 16, schedule: squaredcos_cap_v2 } }
        training:
          steps: {{steps}}
          learning_rate: 1.0e-3
          weight_decay: 0
          schedule: constant
          warmup_steps: 0
          use_ema: false
          log_every: 10
          checkpoint_every: 0
          seed: 3
          output_dir: {{outputDir}}
          progress: none
        """;

    public string NewDir(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
