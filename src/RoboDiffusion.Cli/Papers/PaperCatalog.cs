namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Everything <c>robodiff papers</c> knows: the curated list, the method map (implemented.json), the short names
/// (aliases.json) and a ranker over them. <see cref="Load"/> checks that every reference resolves.
/// </summary>
internal sealed class PaperCatalog
{
    private static readonly Lazy<PaperCatalog> Embedded = new(() => Load());
    private readonly Dictionary<int, ImplementedMethod> _methodByPaper = [];

    private PaperCatalog(LiteratureIndex index, MethodMap methods, AliasFile aliases)
    {
        Index = index;
        Methods = methods;
        Aliases = aliases;
        var names = index.Papers.ToDictionary(p => p.Id, _ => new List<string>());
        foreach (var a in aliases.Aliases) names[Resolve(a.Paper, $"alias {a.Alias}").Id].Add(a.Alias);
        foreach (var m in methods.Methods.Where(m => m.Paper is not null))
        {
            var paper = Resolve(m.Paper!, $"method {m.Name}");
            if (!_methodByPaper.TryAdd(paper.Id, m)) throw new InvalidDataException($"Two methods map to paper #{paper.Id}.");
            names[paper.Id].AddRange([m.Name, .. m.Aliases]);
        }
        Ranker = new PaperRanker(index.Papers.Select(p => SearchDocument.Create(p, names[p.Id])));
        CheckCoverage();
    }

    /// <summary>The embedded catalog, loaded once.</summary>
    public static PaperCatalog Default => Embedded.Value;

    public LiteratureIndex Index { get; }
    public MethodMap Methods { get; }
    public AliasFile Aliases { get; }
    public PaperRanker Ranker { get; }

    /// <summary>Loads the embedded files, or the JSON texts given (for tests), and cross-checks them.</summary>
    public static PaperCatalog Load(string? papersJson = null, string? methodsJson = null, string? aliasesJson = null) =>
        new(LiteratureIndex.Load(papersJson),
            EmbeddedData.Read<MethodMap>(EmbeddedData.MethodsResource, methodsJson),
            EmbeddedData.Read<AliasFile>(EmbeddedData.AliasesResource, aliasesJson));

    /// <summary>The method RoboDiffusion maps to <paramref name="paper"/>, or null.</summary>
    public ImplementedMethod? MethodFor(Paper paper) => _methodByPaper.GetValueOrDefault(paper.Id);

    /// <summary>True when RoboDiffusion implements (not merely plans) the method of <paramref name="paper"/>.</summary>
    public bool IsImplemented(Paper paper) => MethodFor(paper)?.Status == MethodStatus.Implemented;

    private Paper Resolve(PaperRef reference, string owner) =>
        reference.Resolve(Index) ?? throw new InvalidDataException(
            $"The {owner} refers to {reference}, which papers.json does not contain.");

    private void CheckCoverage()
    {
        var known = Index.Implementations.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in Methods.Implementations.Where(c => !known.Contains(c.Name)))
            throw new InvalidDataException(
                $"implemented.json covers '{c.Name}', which is not a reference implementation; valid: {string.Join(", ", known)}.");
        foreach (var m in Methods.Methods.Where(m => (m.Paper is null) == (m.Citation is null)))
            throw new InvalidDataException($"Method {m.Name} needs exactly one of 'paper' (in papers.json) and 'citation'.");
    }
}
