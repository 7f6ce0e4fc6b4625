namespace RoboDiffusion.Cli.Bench;

/// <summary>One line of the report: our time, the PyTorch time (null when not measured) and their ratio against the goal.</summary>
internal sealed record BenchRow(BenchCase Case, string Size, CaseTiming Ours, CaseTiming? PyTorch)
{
    /// <summary>TorchSharp median / PyTorch median; below 1 we are faster.</summary>
    public double? Ratio => PyTorch is { MedianSeconds: > 0 } p ? Ours.MedianSeconds / p.MedianSeconds : null;

    public double Goal => Case.Goal;

    /// <summary>True when the ratio meets the goal, null without a reference.</summary>
    public bool? Met => Ratio is { } r ? r <= Goal : null;
}
