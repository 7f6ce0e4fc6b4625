using Spectre.Console;
using Spectre.Console.Rendering;

namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Terminal output of <c>robodiff papers</c>, drawn on any <see cref="IAnsiConsole"/> so tests can capture it.
/// Tables fit 80 columns (titles and sections wrap); titles and arXiv ids are hyperlinks where the terminal supports them.
/// </summary>
internal static class PapersView
{
    private static readonly Style Dim = new(Color.Grey);
    private static readonly Style Implemented = new(Color.Green);
    private static readonly Style Planned = new(Color.Yellow);

    /// <summary>The result table; <paramref name="total"/> counts all matches when only the first rows are shown.</summary>
    public static void Table(IAnsiConsole console, PaperCatalog catalog, IReadOnlyList<Paper> papers, int total)
    {
        if (papers.Count == 0)
        {
            console.MarkupLine("[grey]No papers match.[/]");
            return;
        }
        var table = new Table { Border = TableBorder.Simple, Expand = false };
        table.AddColumn(new TableColumn("#").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Title"));
        table.AddColumn(new TableColumn("Venue, year").Width(11));
        table.AddColumn(new TableColumn("Section").NoWrap());   // cut to one line; `show` has the full name
        table.AddColumn(new TableColumn("arXiv").NoWrap());
        foreach (var p in papers)
            table.AddRow(new Text(p.Id.ToString(), Dim), TitleCell(p, catalog.MethodFor(p)), new Text(VenueText(p)),
                new Text(Shorten(p.Section, 14), Dim), p.Arxiv is null ? new Text("-", Dim) : new Paragraph(p.Arxiv, null, new Link(p.ArxivUrl!)));
        console.Write(table);
        var shown = papers.Count < total ? $"{papers.Count} of {total} papers (--limit 0 shows all)" : total == 1 ? "1 paper" : $"{total} papers";
        console.MarkupLine($"[grey]{shown}. Details: robodiff papers show ID[/]");
    }

    /// <summary>One paper in full, then what RoboDiffusion does about it (command, config, results).</summary>
    public static void Show(IAnsiConsole console, Paper? paper, ImplementedMethod? method)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        if (paper is not null)
        {
            grid.AddRow(new Text("Title", Dim), new Paragraph(paper.Title, new Style(decoration: Decoration.Bold), new Link(paper.Url)));
            grid.AddRow(new Text("Id", Dim), new Text(paper.Id.ToString()));
            grid.AddRow(new Text("Venue", Dim), new Text(VenueText(paper)));
            grid.AddRow(new Text("Section", Dim), new Text(paper.Section));
            grid.AddRow(new Text("arXiv", Dim), paper.Arxiv is null ? new Text("-") : new Paragraph(paper.ArxivUrl!, null, new Link(paper.ArxivUrl!)));
            grid.AddRow(new Text("Link", Dim), new Paragraph(paper.Url, null, new Link(paper.Url)));
        }
        else if (method?.Citation is { } c)
        {
            grid.AddRow(new Text("Title", Dim), new Paragraph(c.Title, new Style(decoration: Decoration.Bold), new Link(c.Url)));
            grid.AddRow(new Text("Venue", Dim), new Text(c.Venue ?? "-"));
            grid.AddRow(new Text("arXiv", Dim), new Text(c.Arxiv ?? "-"));
            grid.AddRow(new Text("Link", Dim), new Paragraph(c.Url, null, new Link(c.Url)));
            grid.AddRow(new Text("Note", Dim), new Text("not in the curated list; cited by RoboDiffusion"));
        }
        console.Write(grid);
        console.WriteLine();
        if (method is null)
            console.MarkupLine("[grey]RoboDiffusion does not implement this method (yet).[/]");
        else
        {
            console.Write(new Panel(MethodGrid(method)).Header($"RoboDiffusion: {Markup.Escape(method.Name)}"));
            console.MarkupLine(method.Status == MethodStatus.Implemented ? "Reproduce with:" : "Planned command:");
            // Unwrapped, so that a terminal's soft wrap keeps it one line for copy and paste.
            console.Profile.Out.Writer.WriteLine($"  {method.Command}");
        }
    }

    /// <summary>Counts per section and per year as bar charts.</summary>
    public static void Stats(IAnsiConsole console, PaperCatalog catalog, IReadOnlyList<Paper> papers)
    {
        var width = Math.Min(console.Profile.Width, 80);
        var sections = new BarChart().Width(width).Label($"Papers per section ({papers.Count} in all)").LeftAlignLabel();
        foreach (var s in catalog.Index.Sections)
            sections.AddItem(Shorten(s.Name, 32), papers.Count(p => p.Section == s.Name), Color.SteelBlue);
        console.Write(sections);
        console.WriteLine();
        var years = new BarChart().Width(width).Label("Papers per year").LeftAlignLabel();
        foreach (var g in papers.GroupBy(p => p.Year).OrderBy(g => g.Key ?? int.MaxValue))
            years.AddItem(g.Key?.ToString() ?? "unknown", g.Count(), Color.Teal);
        console.Write(years);
    }

    /// <summary>The reference implementations of the list and which RoboDiffusion modules cover them.</summary>
    public static void Implementations(IAnsiConsole console, PaperCatalog catalog)
    {
        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn("Implementation");
        table.AddColumn(new TableColumn("Covered").NoWrap());
        table.AddColumn("RoboDiffusion modules");
        foreach (var i in catalog.Index.Implementations)
        {
            var c = catalog.Methods.Implementations.FirstOrDefault(c => c.Name == i.Name);
            var name = new Paragraph(i.Name, new Style(decoration: Decoration.Bold), new Link(i.Url));
            if (i.Description is not null) name.Append("\n" + i.Description, Dim);
            var status = c?.Status ?? CoverageStatus.NotCovered;
            var modules = c is null || c.Modules.Count == 0 ? "-" : string.Join("\n", c.Modules.Select(m => m.Replace("RoboDiffusion.", "")));
            table.AddRow(name, new Text(StatusText(status), StatusStyle(status)),
                new Text(c?.Note is null ? modules : $"{modules}\n({c.Note})"));
        }
        console.Write(table);
    }

    private static IRenderable TitleCell(Paper p, ImplementedMethod? method)
    {
        var cell = new Paragraph(p.Title, null, new Link(p.Url));
        if (method is not null)
            cell.Append($"\n{method.Status.ToString().ToLowerInvariant()}: {method.Name}",
                method.Status == MethodStatus.Implemented ? Implemented : Planned);
        return cell;
    }

    private static Grid MethodGrid(ImplementedMethod m)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        var status = m.Status == MethodStatus.Implemented ? "implemented" : "planned (not implemented yet)";
        grid.AddRow(new Text("Status", Dim), new Text(status, m.Status == MethodStatus.Implemented ? Implemented : Planned));
        grid.AddRow(new Text("Modules", Dim), new Text(string.Join(", ", m.Modules)));
        if (m.Config is not null) grid.AddRow(new Text("Config", Dim), new Text(m.Config));
        grid.AddRow(new Text("Paper", Dim), new Text(m.PaperResult ?? "no verified number"));
        grid.AddRow(new Text("Ours", Dim), new Text(m.Measured.IsPending
            ? $"pending (not measured yet): {m.Measured.Metric}" : $"{m.Measured.Value} ({m.Measured.Metric})"));
        if (m.Notes is not null) grid.AddRow(new Text("Notes", Dim), new Text(m.Notes));
        return grid;
    }

    private static string VenueText(Paper p) => p.Venue ?? p.Year?.ToString() ?? "-";

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string StatusText(CoverageStatus s) => s switch
    {
        CoverageStatus.NotCovered => "no",
        CoverageStatus.Partial => "partly",
        CoverageStatus.Planned => "planned",
        _ => "yes",
    };

    private static Style StatusStyle(CoverageStatus s) => s switch
    {
        CoverageStatus.Implemented => Implemented,
        CoverageStatus.Partial or CoverageStatus.Planned => Planned,
        _ => Dim,
    };
}
