using System.Text.RegularExpressions;

namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// The curated literature list (papers.json, from the README of github.com/mbreuss/diffusion-literature-for-robotics),
/// embedded in the CLI. <see cref="Load"/> numbers the papers 1..N in file order and validates the file.
/// </summary>
internal sealed partial record LiteratureIndex(
    string Source, string Retrieved, string CommitDate, IReadOnlyList<PaperSection> Sections, IReadOnlyList<Paper> Papers,
    IReadOnlyList<ReferenceImplementation> Implementations, IReadOnlyList<Tutorial> Tutorials)
{
    private static readonly Lazy<LiteratureIndex> Embedded = new(() => Load());

    /// <summary>The embedded list, loaded once.</summary>
    public static LiteratureIndex Default => Embedded.Value;

    /// <summary>Parses <paramref name="json"/> (default: the embedded papers.json), numbers the papers and validates.</summary>
    public static LiteratureIndex Load(string? json = null)
    {
        var raw = EmbeddedData.Read<LiteratureIndex>(EmbeddedData.PapersResource, json);
        var index = raw with { Papers = [.. raw.Papers.Select((p, i) => p with { Id = i + 1 })] };
        index.Validate();
        return index;
    }

    /// <summary>The paper with 1-based id <paramref name="id"/>, or null.</summary>
    public Paper? ById(int id) => id >= 1 && id <= Papers.Count ? Papers[id - 1] : null;

    /// <summary>Checks what the schema promises: known sections with matching counts, unique titles, well-formed ids.</summary>
    public void Validate()
    {
        var names = Sections.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var p in Papers)
        {
            if (!names.Contains(p.Section))
                throw new InvalidDataException($"Paper #{p.Id} '{p.Title}' names unknown section '{p.Section}'.");
            if (p.Arxiv is not null && !ArxivId().IsMatch(p.Arxiv))
                throw new InvalidDataException($"Paper #{p.Id} has malformed arXiv id '{p.Arxiv}'.");
            if (string.IsNullOrWhiteSpace(p.Title) || string.IsNullOrWhiteSpace(p.Url))
                throw new InvalidDataException($"Paper #{p.Id} lacks a title or a link.");
        }
        foreach (var s in Sections)
        {
            var n = Papers.Count(p => p.Section == s.Name);
            if (n != s.Count) throw new InvalidDataException($"Section '{s.Name}' says {s.Count} papers but holds {n}.");
        }
        var duplicate = Papers.GroupBy(p => p.Title, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"Title '{duplicate.Key}' appears more than once.");
    }

    /// <summary>New-style arXiv ids, yymm.nnnn(n).</summary>
    [GeneratedRegex(@"^\d{4}\.\d{4,5}$")]
    public static partial Regex ArxivId();
}
