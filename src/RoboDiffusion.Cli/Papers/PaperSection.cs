namespace RoboDiffusion.Cli.Papers;

/// <summary>A heading of the curated list (papers.json <c>sections[]</c>), in README order.</summary>
/// <param name="Name">Heading text; papers refer to it verbatim.</param>
/// <param name="Parent">The enclosing heading, or null at top level.</param>
/// <param name="Count">How many papers the section holds.</param>
internal sealed record PaperSection(string Name, string? Parent, int Count);
