namespace RoboDiffusion.Cli.Papers;

/// <summary>How much of a reference implementation RoboDiffusion covers.</summary>
internal enum CoverageStatus
{
    Implemented,
    Partial,
    Planned,
    NotCovered,
}
