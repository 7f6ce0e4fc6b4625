namespace RoboDiffusion.Cli.Papers;

/// <summary>A paper that the curated list lacks (e.g. DDIM), cited directly by an implemented method.</summary>
internal sealed record Citation(string Title, string? Arxiv, string? Venue, string Url);
