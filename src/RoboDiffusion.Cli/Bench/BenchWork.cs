namespace RoboDiffusion.Cli.Bench;

/// <summary>What a benchmark case times; bench/pytorch/policy_bench.py does the same work on the PyTorch side.</summary>
internal enum BenchWork
{
    /// <summary>One network forward pass under no_grad, eval mode.</summary>
    Forward,

    /// <summary>DiffusionPolicy.PredictChunk with DDPM on the leading grid (x̂₀ clipped).</summary>
    ChunkDdpm,

    /// <summary>DiffusionPolicy.PredictChunk with DDIM (η = 0) on the leading grid (x̂₀ clipped).</summary>
    ChunkDdim,

    /// <summary>One AdamW step on the full diffusion loss: normalize, draw noise and timesteps, forward, ε-MSE, backward.</summary>
    TrainStep,
}
