namespace RoboDiffusion.Cli.Papers;

/// <summary>One paper as <c>robodiff papers --json</c> prints it: the papers.json fields plus id, status and score.</summary>
internal sealed record PaperRow(
    int Id, string Title, string Url, string? Venue, int? Year, string? Arxiv, string Section,
    string? Method, string? Status, double? Score)
{
    public static PaperRow From(Paper p, PaperCatalog catalog, double? score = null)
    {
        var method = catalog.MethodFor(p);
        return new(p.Id, p.Title, p.Url, p.Venue, p.Year, p.Arxiv, p.Section, method?.Name,
            method?.Status.ToString().ToLowerInvariant(), score is null ? null : Math.Round(score.Value, 3));
    }
}
