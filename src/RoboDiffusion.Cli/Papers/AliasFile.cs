namespace RoboDiffusion.Cli.Papers;

/// <summary>The root of aliases.json.</summary>
internal sealed record AliasFile(string About, IReadOnlyList<PaperAlias> Aliases);
