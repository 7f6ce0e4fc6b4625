namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Ranked, typo-tolerant search over the curated list. Scores come in tiers, so a better kind of match always wins:
/// <list type="number">
/// <item>exact title or arXiv id (1000), alias such as DP3 (900), title acronym such as DDPM (850), exact head of a
/// "Head: subtitle" title (800), whole title or head within a few typos (700 / 600);</item>
/// <item>otherwise token matching (up to ~140): each query token takes its best match in the title (exact, stem,
/// prefix, Damerau-Levenshtein within 1-3 edits, substring), section or venue, weighted by inverse document frequency
/// so that "diffusion" counts less than "maze"; phrase and title-coverage bonuses break near-ties.</item>
/// </list>
/// Ties go to the newer paper, then to the title in ordinal order, so results are deterministic.
/// </summary>
internal sealed class PaperRanker
{
    private readonly SearchDocument[] _documents;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);

    public PaperRanker(IEnumerable<SearchDocument> documents)
    {
        _documents = [.. documents];
        foreach (var stem in _documents.SelectMany(d => d.TitleStems.Distinct()))
            _documentFrequency[stem] = _documentFrequency.GetValueOrDefault(stem) + 1;
    }

    /// <summary>Papers matching <paramref name="query"/>, best first; restricted to <paramref name="within"/> when given.</summary>
    public IReadOnlyList<SearchHit> Search(string query, IEnumerable<Paper>? within = null)
    {
        var terms = TextNormalizer.Tokens(query);
        if (terms.Length == 0) return [];
        var allowed = within?.Select(p => p.Id).ToHashSet();
        var weights = terms.Select(Weight).ToArray();
        return [.. _documents
            .Where(d => allowed is null || allowed.Contains(d.Paper.Id))
            .Select(d => new SearchHit(d.Paper, Score(d, query.Trim(), terms, weights)))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .ThenByDescending(h => h.Paper.Year ?? int.MinValue)
            .ThenBy(h => h.Paper.Title, StringComparer.Ordinal)];
    }

    /// <summary>Inverse document frequency of a title stem, ln(1 + N / (1 + df)); stop words weigh almost nothing.</summary>
    private double Weight(string term) =>
        TextNormalizer.StopWords.Contains(term) ? 0.05
        : Math.Log(1.0 + _documents.Length / (1.0 + _documentFrequency.GetValueOrDefault(TextNormalizer.Stem(term))));

    private static double Score(SearchDocument d, string rawQuery, string[] terms, double[] weights)
    {
        var tokens = TokenScore(d, terms, weights);
        var strong = StrongMatch(d, rawQuery, terms);
        return strong > 0 ? strong + Math.Max(tokens, 0) : tokens;
    }

    /// <summary>Tier 1: the query names the paper as a whole (title, id, alias, acronym), possibly with a few typos.</summary>
    private static double StrongMatch(SearchDocument d, string rawQuery, string[] terms)
    {
        var phrase = string.Join(' ', terms);
        var compact = string.Concat(terms);
        if (phrase == d.Title || rawQuery == d.Paper.Arxiv) return 1000;
        if (d.Aliases.Contains(compact)) return 900;
        if (d.Acronyms.Contains(compact)) return 850;
        if (phrase == d.Head) return 800;
        if (phrase.Length < 10) return 0;                         // short queries are too ambiguous to fuzz as a whole
        var budget = phrase.Length / 6;                            // about one typo per six characters
        if (EditDistance.Osa(phrase, d.Title, budget) <= budget) return 700;
        if (d.Head is not null && EditDistance.Osa(phrase, d.Head, budget) <= budget) return 600;
        return 0;
    }

    /// <summary>Tier 2: weighted share of query tokens found, times coverage; 0 when too few tokens match.</summary>
    private static double TokenScore(SearchDocument d, string[] terms, double[] weights)
    {
        var titleHits = new bool[d.TitleTokens.Length];
        double sum = 0, total = 0;
        int content = 0, matched = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var stop = TextNormalizer.StopWords.Contains(terms[i]);
            var s = TermScore(d, terms[i], titleHits);
            sum += weights[i] * s;
            total += weights[i];
            if (stop) continue;
            content++;
            if (s > 0) matched++;
        }
        if (content == 0) return 0;                               // only stop words: nothing to rank by
        var required = content <= 2 ? content : (int)Math.Ceiling(2.0 * content / 3);
        if (matched < required || sum <= 0) return 0;
        var coverage = titleHits.Length == 0 ? 0 : titleHits.Count(h => h) / (double)titleHits.Length;
        return 100 * sum / total * matched / content + PhraseBonus(d, terms) + 10 * coverage;
    }

    /// <summary>Best match of one query token anywhere in the paper (title 1.0 scale, names, then section and venue).</summary>
    private static double TermScore(SearchDocument d, string term, bool[] titleHits)
    {
        if (d.Aliases.Contains(term)) return 1.0;
        if (d.Acronyms.Contains(term)) return 0.9;
        var best = 0.0;
        var stem = TextNormalizer.Stem(term);
        for (var j = 0; j < d.TitleTokens.Length; j++)
        {
            var s = TokenMatch(term, stem, d.TitleTokens[j], d.TitleStems[j]);
            if (s >= 0.45) titleHits[j] = true;
            best = Math.Max(best, s);
        }
        foreach (var t in d.SectionTokens)
            best = Math.Max(best, 0.5 * TokenMatch(term, stem, t, TextNormalizer.Stem(t)));
        foreach (var t in d.VenueTokens)
            if (t == term) best = Math.Max(best, 0.5);
        return best;
    }

    /// <summary>How well query token <paramref name="q"/> matches text token <paramref name="t"/> (0 = not at all).</summary>
    internal static double TokenMatch(string q, string qStem, string t, string tStem)
    {
        if (q == t) return 1.0;
        if (qStem == tStem) return 0.95;
        if (q.Length >= 3 && t.StartsWith(q, StringComparison.Ordinal)) return 0.8;   // typing a prefix: "visuo"
        var budget = MaxEdits(q.Length);
        if (budget > 0)
        {
            var edits = EditDistance.Osa(q, t, budget);
            if (edits > budget && (q != qStem || t != tStem)) edits = EditDistance.Osa(qStem, tStem, budget);
            if (edits <= budget) return 0.85 - 0.2 * edits;
        }
        return q.Length >= 4 && t.Contains(q, StringComparison.Ordinal) ? 0.6 : 0.0;   // "diffuser" in "adaptdiffuser"
    }

    /// <summary>Typos tolerated in a token of length <paramref name="n"/>: none up to 3 letters, then 1, 2, 3.</summary>
    internal static int MaxEdits(int n) => n <= 3 ? 0 : n <= 5 ? 1 : n <= 9 ? 2 : 3;

    private static double PhraseBonus(SearchDocument d, string[] terms)
    {
        if (terms.Length < 2) return 0;
        var phrase = string.Join(' ', terms);
        return d.Title.StartsWith(phrase + " ", StringComparison.Ordinal) ? 30
            : $" {d.Title} ".Contains($" {phrase} ", StringComparison.Ordinal) ? 20 : 0;
    }
}
