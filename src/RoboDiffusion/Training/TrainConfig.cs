namespace RoboDiffusion.Training;

/// <summary>
/// Everything the generic <see cref="Trainer{TBatch}"/> needs besides the model, loss and data. Optimizer defaults are
/// diffusion_policy's (AdamW lr 1e-4, betas (0.95, 0.999), eps 1e-8, weight decay 1e-6, cosine with 500 warm-up steps, EMA).
/// </summary>
public sealed record TrainConfig
{
    public long Steps { get; init; } = 1000;            // total optimizer steps
    public double LearningRate { get; init; } = 1e-4;   // base (peak) rate
    public double Beta1 { get; init; } = 0.95;          // AdamW first-moment decay
    public double Beta2 { get; init; } = 0.999;         // AdamW second-moment decay
    public double Eps { get; init; } = 1e-8;            // AdamW denominator guard
    public double WeightDecay { get; init; } = 1e-6;    // decoupled weight decay (Loshchilov & Hutter 2019)
    public bool DecayMatricesOnly { get; init; }        // decay only ≥ 2-D tensors, not biases and norm gains (transformers)
    public double? GradClipNorm { get; init; }          // clip the global gradient norm to this; null = no clipping (diffusion_policy)
    public LrSchedule Schedule { get; init; } = LrSchedule.Cosine;
    public long WarmupSteps { get; init; } = 500;       // linear warm-up, in optimizer steps
    public long DecaySteps { get; init; }               // warmup_stable_decay: the last steps, decayed linearly to 0
    public bool UseEma { get; init; } = true;           // keep an EMA of the weights, saved and used for evaluation
    public EmaConfig Ema { get; init; } = new();
    public long LogEvery { get; init; } = 50;           // steps per metrics line
    public long EvalEvery { get; init; }                // steps per evaluation hook call; 0 = never
    public long CheckpointEvery { get; init; }          // steps per checkpoint; 0 = only at the end (when OutputDir is set)
    public int KeepCheckpoints { get; init; } = 3;      // most recent checkpoints kept; 0 = keep all
    public long Seed { get; init; }                     // every random draw of the run derives from it and the step
    public MixedPrecisionMode MixedPrecision { get; init; } // bf16 convolutions in the training forward (inference stays fp32)
    public bool ReseedGlobalRng { get; init; } = true;  // reseed torch's global RNG per step so dropout is resumable too
    public string? OutputDir { get; init; }             // checkpoints/ and metrics.jsonl go here; null = in memory only
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;

    /// <summary>Checks every field once; returns this.</summary>
    public TrainConfig Validated()
    {
        Require(Steps >= 1, $"Steps must be ≥ 1, got {Steps}.");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be a positive number, got {LearningRate}.");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"Betas must lie in [0, 1), got ({Beta1}, {Beta2}).");
        Require(Eps > 0, $"Eps must be > 0, got {Eps}.");
        Require(WeightDecay >= 0, $"WeightDecay must be ≥ 0, got {WeightDecay}.");
        Require(GradClipNorm is null or > 0, $"GradClipNorm must be > 0 or null, got {GradClipNorm}.");
        Require(WarmupSteps >= 0, $"WarmupSteps must be ≥ 0, got {WarmupSteps}.");
        Require(Schedule != LrSchedule.Constant || WarmupSteps == 0,   // a warm-up that silently does nothing is a trap
            $"WarmupSteps is {WarmupSteps} but the schedule 'constant' has no warm-up (diffusers' get_constant_schedule): " +
            "use the schedule 'constant_with_warmup', or warmup steps 0.");
        Require(DecaySteps >= 0, $"DecaySteps must be ≥ 0, got {DecaySteps}.");
        Require((Schedule == LrSchedule.WarmupStableDecay) == (DecaySteps > 0),
            $"DecaySteps is {DecaySteps}: the schedule 'warmup_stable_decay' needs decay steps > 0, and no other schedule uses them.");
        Require(Schedule != LrSchedule.WarmupStableDecay || WarmupSteps + DecaySteps <= Steps,   // other schedules may stop mid-warm-up
            $"Warm-up ({WarmupSteps}) and decay ({DecaySteps}) steps must fit in the {Steps} steps.");
        Require(LogEvery >= 1, $"LogEvery must be ≥ 1, got {LogEvery}.");
        Require(EvalEvery >= 0 && CheckpointEvery >= 0, "EvalEvery and CheckpointEvery must be ≥ 0.");
        Require(KeepCheckpoints >= 0, $"KeepCheckpoints must be ≥ 0, got {KeepCheckpoints}.");
        Require(CheckpointEvery == 0 || OutputDir is not null, "CheckpointEvery needs an OutputDir.");
        Ema.Validated();
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
