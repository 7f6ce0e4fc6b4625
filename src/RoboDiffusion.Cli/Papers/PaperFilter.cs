namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Restricts the list before ranking. Section and venue are matched loosely (case-blind; a unique part of a section
/// name is enough) and an unknown value is an error that lists the valid ones.
/// </summary>
internal sealed record PaperFilter
{
    public string? Section { get; init; }           // heading, or a unique part of it ("offline")
    public int? Year { get; init; }                 // exactly this year
    public int? Since { get; init; }                // this year or later
    public string? Venue { get; init; }             // venue name tokens, e.g. "CoRL", "NeurIPS workshop"
    public bool ImplementedOnly { get; init; }      // only papers whose method RoboDiffusion implements

    /// <summary>The papers of <paramref name="catalog"/> that pass, in file order.</summary>
    public IReadOnlyList<Paper> Apply(PaperCatalog catalog)
    {
        if (Year is not null && Since is not null) throw new ArgumentException("Give either --year or --since, not both.");
        var section = Section is null ? null : ResolveSection(catalog.Index, Section);
        var venue = Venue is null ? null : ResolveVenue(catalog.Index, Venue);
        return [.. catalog.Index.Papers.Where(p =>
            (section is null || p.Section == section)
            && (Year is null || p.Year == Year)
            && (Since is null || p.Year >= Since)
            && (venue is null || venue.All(TextNormalizer.Tokens(p.Venue ?? "").Contains))
            && (!ImplementedOnly || catalog.IsImplemented(p)))];
    }

    /// <summary>The exact section name meant by <paramref name="query"/>.</summary>
    public static string ResolveSection(LiteratureIndex index, string query)
    {
        var names = index.Sections.Select(s => s.Name).ToList();
        var exact = names.FirstOrDefault(n => string.Equals(n, query.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var key = TextNormalizer.Normalize(query);
        var partial = key.Length == 0 ? [] : names.Where(n => $" {TextNormalizer.Normalize(n)} ".Contains($" {key}")).ToList();
        return partial.Count switch
        {
            1 => partial[0],
            0 => throw new ArgumentException($"Unknown section '{query}'. Valid sections: {string.Join("; ", names)}."),
            _ => throw new ArgumentException($"Section '{query}' is ambiguous; it matches: {string.Join("; ", partial)}."),
        };
    }

    /// <summary>The venue tokens of <paramref name="query"/>, checked to occur in at least one paper's venue.</summary>
    public static string[] ResolveVenue(LiteratureIndex index, string query)
    {
        var tokens = TextNormalizer.Tokens(query);
        if (tokens.Length > 0 && index.Papers.Any(p => tokens.All(TextNormalizer.Tokens(p.Venue ?? "").Contains))) return tokens;
        throw new ArgumentException($"No paper has venue '{query}'. Valid venues: {string.Join(", ", VenueNames(index))}.");
    }

    /// <summary>Distinct venue names without their years, e.g. "CoRL", "NeurIPS Workshop".</summary>
    public static IReadOnlyList<string> VenueNames(LiteratureIndex index) =>
        [.. index.Papers.Where(p => p.Venue is not null)
            .Select(p => string.Join(' ', p.Venue!.Split(' ').Where(w => !(w.Length == 4 && w.All(char.IsAsciiDigit)))))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
}
