namespace RoboDiffusion.Cli.Papers;

/// <summary>What <c>robodiff papers</c> was asked for, parsed from the command line.</summary>
internal sealed record PapersQuery
{
    public string Text { get; init; } = "";                  // search text; empty lists the papers in file order
    public PaperFilter Filter { get; init; } = new();
    public int Limit { get; init; } = 20;                    // rows shown; 0 = all
    public bool Json { get; init; }                          // JSON on stdout instead of a table
    public bool Stats { get; init; }                         // counts per section and per year
    public bool Implementations { get; init; }               // reference implementations and our coverage

    public PapersQuery Validated() => Limit >= 0 ? this : throw new ArgumentException($"--limit must be 0 (all) or positive, not {Limit}.");
}
