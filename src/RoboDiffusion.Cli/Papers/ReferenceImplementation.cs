namespace RoboDiffusion.Cli.Papers;

/// <summary>A code base the curated list points to (papers.json <c>implementations[]</c>).</summary>
internal sealed record ReferenceImplementation(string Name, string Url, string? Description);
