using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Training;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>
/// A Diffusion Policy training run, as read from a YAML file by `robodiff train --config`: dataset, policy, optimizer
/// and schedule, and the periodic evaluation in the simulator. Optimizer defaults are the paper's CNN settings
/// (AdamW lr 1e-4, betas 0.95/0.999, weight decay 1e-6, cosine with 500 warm-up steps, EMA power 0.75 max 0.9999).
/// </summary>
public sealed record DiffusionPolicyTrainConfig : ITrainRunConfig<DiffusionPolicyTrainConfig>
{
    public string Dataset { get; init; } = "data/pusht";      // a LeRobot v3.0 dataset folder (robodiff collect)
    public int BatchSize { get; init; } = 256;
    public DiffusionPolicyConfig Policy { get; init; } = new();
    public TrainConfig Training { get; init; } = new()
    {
        Steps = 20000, LogEvery = 100, EvalEvery = 2000, CheckpointEvery = 1000, OutputDir = "runs/pusht_state_unet",
        Ema = new() { Power = 0.75, MaxValue = 0.9999 },
    };
    public RolloutEvalConfig Eval { get; init; } = new();

    public DiffusionPolicyTrainConfig With(TrainRunOverrides overrides) =>
        this with { Dataset = overrides.DatasetOr(Dataset), Training = overrides.Apply(Training) };

    /// <summary>Checks every field; returns this.</summary>
    public DiffusionPolicyTrainConfig Validated()
    {
        TrainRunOverrides.ValidateCommon(Dataset, BatchSize, Training);
        Eval.Validated();
        return this;
    }
}

/// <summary>Periodic evaluation of a policy in its simulator during training.</summary>
public sealed record RolloutEvalConfig
{
    public string Env { get; init; } = "pusht";
    public int Episodes { get; init; } = 20;
    public long FirstSeed { get; init; } = 200000;   // validation seeds, apart from the paper's test seeds 100000…
    public int MaxSteps { get; init; } = 300;
    public PolicyInference Inference { get; init; } = new() { Sampler = SamplerKind.DpmPp2M, Steps = 10 };

    /// <summary>Checks every field; returns this.</summary>
    public RolloutEvalConfig Validated()
    {
        if (Episodes < 1) throw new ArgumentException($"'eval.episodes' must be ≥ 1, got {Episodes}.");
        if (MaxSteps < 1) throw new ArgumentException($"'eval.max_steps' must be ≥ 1, got {MaxSteps}.");
        if (FirstSeed < 0) throw new ArgumentException($"'eval.first_seed' must be ≥ 0, got {FirstSeed}.");
        Inference.Validated();
        return this;
    }
}
