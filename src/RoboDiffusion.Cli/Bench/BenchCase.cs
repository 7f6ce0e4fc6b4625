namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// One timed case of `robodiff bench policy`, with the repetitions of bench/pytorch/policy_bench.py so both sides
/// time the same thing the same number of times.
/// </summary>
/// <param name="Name">Key part shared with the Python JSON ("forward_b1", ...).</param>
/// <param name="Work">What is timed.</param>
/// <param name="Size">Batch size (forward, training) or denoiser steps (chunks; batch 1).</param>
/// <param name="Warmup">Untimed runs before timing (full run).</param>
/// <param name="Reps">Timed runs (full run).</param>
/// <param name="QuickWarmup">Untimed runs with --quick.</param>
/// <param name="QuickReps">Timed runs with --quick.</param>
internal sealed record BenchCase(string Name, BenchWork Work, int Size, int Warmup, int Reps, int QuickWarmup, int QuickReps)
{
    /// <summary>Goal for TorchSharp time / PyTorch time: parity for inference, within 10 % for a training step.</summary>
    public double Goal => Work == BenchWork.TrainStep ? 1.1 : 1.0;

    public bool IsTraining => Work == BenchWork.TrainStep;

    /// <summary>The five cases of the Python reference, in its order (chunk_100 amortizes its first call: no quick warm-up).</summary>
    public static IReadOnlyList<BenchCase> All { get; } =
    [
        new("forward_b1", BenchWork.Forward, 1, Warmup: 5, Reps: 50, QuickWarmup: 1, QuickReps: 5),
        new("forward_b50", BenchWork.Forward, 50, Warmup: 2, Reps: 15, QuickWarmup: 1, QuickReps: 2),
        new("chunk_100", BenchWork.ChunkDdpm, 100, Warmup: 1, Reps: 7, QuickWarmup: 0, QuickReps: 1),
        new("chunk_10", BenchWork.ChunkDdim, 10, Warmup: 2, Reps: 15, QuickWarmup: 1, QuickReps: 2),
        new("train_b256", BenchWork.TrainStep, 256, Warmup: 2, Reps: 10, QuickWarmup: 1, QuickReps: 1),
    ];

    /// <summary>The case of a name; unknown names list the valid ones.</summary>
    public static BenchCase Named(string name) => All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"Unknown benchmark case '{name}'. Valid: {string.Join(", ", All.Select(c => c.Name))}.");
}
