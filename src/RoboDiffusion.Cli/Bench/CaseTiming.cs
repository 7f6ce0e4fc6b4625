namespace RoboDiffusion.Cli.Bench;

/// <summary>Wall times of one case on one side: median and fastest of <paramref name="Reps"/> timed runs after warm-up.</summary>
internal sealed record CaseTiming(double MedianSeconds, double MinSeconds, int Reps, long Parameters);
