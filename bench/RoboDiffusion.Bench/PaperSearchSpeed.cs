using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Bench;

/// <summary>
/// `robodiff papers` search latency: the ranked, typo-tolerant search over the whole literature index against a plain
/// case-blind substring scan of the same titles (what grep would do), timed interleaved in one run.
/// </summary>
internal static class PaperSearchSpeed
{
    private static readonly string[] Queries =
        ["difusion polcy for robot manipulaton", "DP3", "motion planning diffusion", "maze", "consistency policy"];

    public static IEnumerable<string> Run(int repeats)
    {
        var catalog = PaperCatalog.Default;
        var titles = catalog.Index.Papers.Select(p => p.Title).ToArray();
        int rankedHits = 0, scanHits = 0;   // reported, so neither loop's work can be optimized away
        var (ranked, scanned) = Timing.FastestPair(
            () => rankedHits = Queries.Sum(q => catalog.Ranker.Search(q).Count),
            () => scanHits = Queries.Sum(q => titles.Count(t => t.Contains(q, StringComparison.OrdinalIgnoreCase))),
            repeats, warmup: 3);
        var n = Queries.Length;
        yield return $"{titles.Length} papers, {n} queries (one with three typos), fastest of {repeats} runs; " +
                     $"{rankedHits} ranked results against {scanHits} substring matches.\n";
        yield return "| search | ms per query | baseline | ms per query (baseline) | time ratio |";
        yield return "|---|---|---|---|---|";
        yield return $"| PaperRanker.Search (ranked, typo-tolerant) | {ranked / n * 1e3:F2} | substring scan of titles | " +
                     $"{scanned / n * 1e3:F3} | {ranked / scanned:F0} |";
    }
}
