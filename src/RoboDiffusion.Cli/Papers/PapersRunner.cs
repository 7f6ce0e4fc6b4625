using Spectre.Console;

namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Runs <c>robodiff papers</c> and <c>robodiff papers show</c>: tables go to <paramref name="console"/>, JSON goes
/// unwrapped to <paramref name="output"/> (stdout), so scripts get clean JSON. Bad input throws <see cref="ArgumentException"/>.
/// </summary>
internal sealed class PapersRunner(PaperCatalog catalog, IAnsiConsole console, TextWriter output)
{
    /// <summary>Search, list, stats or implementations, as <paramref name="query"/> says.</summary>
    public int List(PapersQuery query)
    {
        query = query.Validated();
        if (query.Implementations)
        {
            if (query.Json) PapersJson.Write(output, PapersJson.Implementations(catalog));
            else PapersView.Implementations(console, catalog);
            return 0;
        }
        var papers = query.Filter.Apply(catalog);
        var hits = string.IsNullOrWhiteSpace(query.Text)
            ? [.. papers.Select(p => new SearchHit(p, 0))]
            : catalog.Ranker.Search(query.Text, papers);
        if (query.Stats)
        {
            IReadOnlyList<Paper> counted = [.. hits.Select(h => h.Paper)];   // stats describe the matches, not the limit
            if (query.Json) PapersJson.Write(output, PapersJson.Stats(catalog, counted));
            else PapersView.Stats(console, catalog, counted);
            return 0;
        }
        var shown = query.Limit == 0 ? hits : [.. hits.Take(query.Limit)];
        if (query.Json)
        {
            var scored = !string.IsNullOrWhiteSpace(query.Text);
            PapersJson.Write(output, PapersJson.Results(shown.Select(h => PaperRow.From(h.Paper, catalog, scored ? h.Score : null)), hits.Count));
        }
        else PapersView.Table(console, catalog, [.. shown.Select(h => h.Paper)], hits.Count);
        return 0;
    }

    /// <summary>One paper by id, arXiv id, method name (DDIM) or title (typos allowed: the best match is shown).</summary>
    public int Show(string target, bool json)
    {
        var (paper, method) = Resolve(target.Trim());
        method ??= paper is null ? null : catalog.MethodFor(paper);
        if (json) PapersJson.Write(output, PapersJson.Show(catalog, paper, method));
        else PapersView.Show(console, paper, method);
        return 0;
    }

    private (Paper? Paper, ImplementedMethod? Method) Resolve(string target)
    {
        if (target.Length == 0) throw new ArgumentException("Give a paper id, arXiv id, method name or title.");
        if (int.TryParse(target, out var id))
            return (catalog.Index.ById(id) ?? throw new ArgumentException($"No paper #{id}; ids run from 1 to {catalog.Index.Papers.Count}."), null);
        if (LiteratureIndex.ArxivId().IsMatch(target))
        {
            var byArxiv = catalog.Index.Papers.FirstOrDefault(p => p.Arxiv == target);
            var cited = catalog.Methods.Methods.FirstOrDefault(m => m.Citation?.Arxiv == target);
            if (byArxiv is null && cited is null) throw new ArgumentException($"No paper with arXiv id {target} in the list.");
            return (byArxiv, cited);
        }
        if (catalog.Methods.Find(target) is { } method) return (method.Paper?.Resolve(catalog.Index), method);
        var best = catalog.Ranker.Search(target).FirstOrDefault()
            ?? throw new ArgumentException($"No paper matches '{target}'. Search with: robodiff papers \"{target}\"");
        return (best.Paper, null);
    }
}
