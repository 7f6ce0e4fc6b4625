namespace RoboDiffusion.Cli.Bench;

/// <summary>Options of `robodiff bench policy`; defaults are the Push-T state task and the shipped model's size.</summary>
internal sealed record PolicyBenchOptions
{
    public IReadOnlyList<int> DownDims { get; init; } = [64, 128, 256];   // the shipped size's channels per level
    public int StepEmbed { get; init; } = 128;                           // the shipped size's diffusion_step_embed_dim
    public IReadOnlyList<string> Sizes { get; init; } = BenchSize.Labels; // which sizes to time
    public bool Quick { get; init; }                                      // few repetitions: a smoke run
    public int Threads { get; init; } = 2;                                // intra-op threads on both sides
    public OmpWait OmpWait { get; init; } = OmpWait.Passive;
    public bool NoPyTorch { get; init; }                                  // skip the PyTorch reference
    public string? JsonPath { get; init; }
    public string? MarkdownPath { get; init; }
    public long MemorySteps { get; init; }                                // > 0: run the memory check instead
    public int MemoryBatch { get; init; } = 256;                          // batch of the memory check's training steps
    public double BudgetSeconds { get; init; } = 30;                      // per case: stop repeating after this (≥ 3 reps)

    /// <summary>The sizes to time, in the order given.</summary>
    public IReadOnlyList<BenchSize> ResolvedSizes() =>
        [.. Sizes.Select(s => s == "full" ? BenchSize.Full : new BenchSize("shipped", DownDims, StepEmbed))];

    /// <summary>The shipped size (the memory check's).</summary>
    public BenchSize Shipped => new("shipped", DownDims, StepEmbed);

    /// <summary>Checks every field; returns this.</summary>
    public PolicyBenchOptions Validated()
    {
        if (DownDims.Count == 0 || DownDims.Any(d => d < 1)) throw new ArgumentException($"--down-dims must list positive channel counts, got [{string.Join(",", DownDims)}].");
        if (StepEmbed < 4 || StepEmbed % 2 != 0) throw new ArgumentException($"--step-embed must be even and ≥ 4, got {StepEmbed}.");
        if (Sizes.Count == 0) throw new ArgumentException($"--sizes must name at least one of: {string.Join(", ", BenchSize.Labels)}.");
        var unknown = Sizes.Where(s => !BenchSize.Labels.Contains(s)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown size(s) {string.Join(", ", unknown)}. Valid: {string.Join(", ", BenchSize.Labels)}.");
        if (Threads < 1) throw new ArgumentException($"--threads must be ≥ 1, got {Threads}.");
        if (!(BudgetSeconds > 0)) throw new ArgumentException($"--budget must be > 0 seconds, got {BudgetSeconds}.");
        if (MemoryBatch < 1) throw new ArgumentException($"--memory-batch must be ≥ 1, got {MemoryBatch}.");
        if (MemorySteps < 0) throw new ArgumentException($"--memory-steps must be ≥ 0, got {MemorySteps}.");
        return this;
    }

    /// <summary>Parses "64,128,256"; a malformed entry is an error naming it.</summary>
    public static IReadOnlyList<int> ParseDims(string text) =>
    [
        .. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s =>
            int.TryParse(s, out var d) && d > 0 ? d : throw new ArgumentException($"--down-dims: '{s}' is not a positive integer (expected e.g. 64,128,256).")),
    ];
}
