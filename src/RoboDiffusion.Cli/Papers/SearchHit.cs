namespace RoboDiffusion.Cli.Papers;

/// <summary>A paper that matched a query, with its relevance (higher is better; only the order is meaningful).</summary>
internal sealed record SearchHit(Paper Paper, double Score);
