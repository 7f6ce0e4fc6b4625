namespace RoboDiffusion.Cli.Papers;

/// <summary>A short name the field uses for a paper (aliases.json), e.g. DP3 for "3D Diffusion Policy".</summary>
internal sealed record PaperAlias(string Alias, PaperRef Paper);
