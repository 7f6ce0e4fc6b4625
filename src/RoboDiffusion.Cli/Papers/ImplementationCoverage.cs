namespace RoboDiffusion.Cli.Papers;

/// <summary>Which RoboDiffusion modules cover a reference implementation of the curated list (by its name there).</summary>
internal sealed record ImplementationCoverage(string Name, CoverageStatus Status, IReadOnlyList<string> Modules, string? Note);
