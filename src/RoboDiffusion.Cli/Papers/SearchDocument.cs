namespace RoboDiffusion.Cli.Papers;

/// <summary>A paper's text, pre-tokenized once for <see cref="PaperRanker"/>.</summary>
internal sealed record SearchDocument(
    Paper Paper, string Title, string[] TitleTokens, string[] TitleStems, string? Head, IReadOnlySet<string> Acronyms,
    IReadOnlySet<string> Aliases,
    string[] SectionTokens, string[] VenueTokens)
{
    /// <summary>Tokenizes <paramref name="paper"/>; <paramref name="aliases"/> are extra short names (DP3, EDM).</summary>
    public static SearchDocument Create(Paper paper, IEnumerable<string> aliases)
    {
        var tokens = TextNormalizer.Tokens(paper.Title);
        var colon = paper.Title.IndexOf(':');
        var headTokens = colon > 0 ? TextNormalizer.Tokens(paper.Title[..colon]) : [];
        // Acronyms of the title and of its head ("Motion Planning Diffusion: …" → mpd); one letter is no name.
        var acronyms = new HashSet<string>(StringComparer.Ordinal) { TextNormalizer.Acronym(tokens) };
        if (headTokens.Length > 0) acronyms.Add(TextNormalizer.Acronym(headTokens));
        acronyms.RemoveWhere(n => n.Length < 2);
        return new SearchDocument(
            paper, string.Join(' ', tokens), tokens, [.. tokens.Select(TextNormalizer.Stem)],
            headTokens.Length > 0 ? string.Join(' ', headTokens) : null, acronyms,
            aliases.Select(TextNormalizer.Compact).Where(a => a.Length > 0).ToHashSet(StringComparer.Ordinal),
            TextNormalizer.Tokens(paper.Section), TextNormalizer.Tokens(paper.Venue ?? ""));
    }
}
