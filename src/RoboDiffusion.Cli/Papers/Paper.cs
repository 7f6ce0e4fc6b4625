using System.Text.Json.Serialization;

namespace RoboDiffusion.Cli.Papers;

/// <summary>One paper of the curated list (papers.json <c>papers[]</c>); the fields are facts copied from the source README.</summary>
/// <param name="Title">The title as written in the list.</param>
/// <param name="Url">The link as written (PDF, arXiv, OpenReview or project page).</param>
/// <param name="Venue">Short venue plus year, e.g. "CoRL 2024"; null when the list gives none.</param>
/// <param name="Year">Year from the venue (or the arXiv id); null when unknown.</param>
/// <param name="Arxiv">arXiv id like "2303.04137", or null.</param>
/// <param name="Section">The exact heading the paper sits under.</param>
/// <param name="Subsection">Always null in the current list (no deeper headings).</param>
internal sealed record Paper(string Title, string Url, string? Venue, int? Year, string? Arxiv, string Section, string? Subsection)
{
    /// <summary>1-based position in papers.json; stable for a given embedded file, used by <c>papers show ID</c>.</summary>
    [JsonIgnore]
    public int Id { get; init; }

    /// <summary>Where the arXiv abstract lives, or null.</summary>
    [JsonIgnore]
    public string? ArxivUrl => Arxiv is null ? null : $"https://arxiv.org/abs/{Arxiv}";
}
