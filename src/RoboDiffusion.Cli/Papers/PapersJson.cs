using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoboDiffusion.Cli.Papers;

/// <summary>Machine-readable output of <c>robodiff papers --json</c>: one indented JSON document on stdout, snake_case keys.</summary>
internal static class PapersJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keep "&" and "±" readable; output is not embedded in HTML
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>Search or listing results.</summary>
    public static object Results(IEnumerable<PaperRow> rows, int total) => new { Total = total, Papers = rows.ToList() };

    /// <summary>Counts per section (README order) and per year (ascending, null = unknown) of <paramref name="papers"/>.</summary>
    public static object Stats(PaperCatalog catalog, IReadOnlyList<Paper> papers) => new
    {
        Total = papers.Count,
        Sections = catalog.Index.Sections.Select(s => new { s.Name, Count = papers.Count(p => p.Section == s.Name) }).ToList(),
        Years = papers.GroupBy(p => p.Year).OrderBy(g => g.Key ?? int.MaxValue).Select(g => new { Year = g.Key, Count = g.Count() }).ToList(),
    };

    /// <summary>One paper (or a method outside the list) with what RoboDiffusion does about it.</summary>
    public static object Show(PaperCatalog catalog, Paper? paper, ImplementedMethod? method) => new
    {
        Paper = paper is null ? null : PaperRow.From(paper, catalog),
        Method = method,
    };

    /// <summary>The reference implementations with RoboDiffusion's coverage of each.</summary>
    public static object Implementations(PaperCatalog catalog) =>
        catalog.Index.Implementations.Select(i =>
        {
            var c = catalog.Methods.Implementations.FirstOrDefault(c => c.Name == i.Name);
            return new { i.Name, i.Url, i.Description, Status = c?.Status ?? CoverageStatus.NotCovered, Modules = c?.Modules ?? [], c?.Note };
        }).ToList();
}
