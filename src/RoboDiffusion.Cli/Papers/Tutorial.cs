namespace RoboDiffusion.Cli.Papers;

/// <summary>A blog post or video the curated list recommends (papers.json <c>tutorials[]</c>).</summary>
internal sealed record Tutorial(string Title, string Url);
