using System.CommandLine;
using RoboDiffusion.Cli.Papers;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff papers`: searches the curated diffusion-for-robotics literature embedded in the tool, shows which methods
/// RoboDiffusion implements and the command that runs each. Human output goes to a Spectre console, JSON to the
/// invocation's Output writer, errors to its Error writer (exit code 2).
/// </summary>
internal static class PapersCommand
{
    /// <summary>The command; <paramref name="console"/> (default: the terminal) receives tables and charts.</summary>
    public static Command Build(IAnsiConsole? console = null)
    {
        var query = new Argument<string[]>("query")
        {
            Description = "Words to search for in titles, sections and venues (typos are tolerated)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var section = new Option<string?>("--section", "-s") { Description = "Only this section (a unique part of its name is enough)" };
        var year = new Option<int?>("--year") { Description = "Only papers of this year" };
        var since = new Option<int?>("--since") { Description = "Only papers of this year or later" };
        var venue = new Option<string?>("--venue") { Description = "Only this venue, e.g. CoRL, NeurIPS, arXiv" };
        var implemented = new Option<bool>("--implemented") { Description = "Only papers whose method RoboDiffusion implements" };
        var json = new Option<bool>("--json") { Description = "Print JSON on stdout instead of a table" };
        var limit = new Option<int>("--limit", "-n") { Description = "Rows to show; 0 shows all", DefaultValueFactory = _ => 20 };
        var stats = new Option<bool>("--stats") { Description = "Counts per section and per year, as bar charts" };
        var implementations = new Option<bool>("--implementations") { Description = "Reference implementations and the RoboDiffusion modules covering each" };

        var cmd = new Command("papers",
            "Search the diffusion-for-robotics literature list and see which methods RoboDiffusion implements.\n"
            + "Examples: robodiff papers diffusion policy --since 2024\n"
            + "          robodiff papers --section \"offline rl\" --venue ICML --json\n"
            + "          robodiff papers --stats | robodiff papers --implemented | robodiff papers show DDPM")
        {
            query, section, year, since, venue, implemented, json, limit, stats, implementations, BuildShow(console),
        };
        cmd.SetAction(r => Guard(r, () => Runner(console, r).List(new PapersQuery
        {
            Text = string.Join(' ', r.GetValue(query) ?? []),
            Filter = new PaperFilter
            {
                Section = r.GetValue(section), Year = r.GetValue(year), Since = r.GetValue(since),
                Venue = r.GetValue(venue), ImplementedOnly = r.GetValue(implemented),
            },
            Limit = r.GetValue(limit),
            Json = r.GetValue(json),
            Stats = r.GetValue(stats),
            Implementations = r.GetValue(implementations),
        })));
        return cmd;
    }

    private static Command BuildShow(IAnsiConsole? console)
    {
        var target = new Argument<string[]>("id")
        {
            Description = "Paper id (the # column), arXiv id, method name (DDIM, EDM) or title",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON on stdout" };
        var show = new Command("show",
            "Show one paper and, where RoboDiffusion implements its method, the command, config and results.\n"
            + "Examples: robodiff papers show 43 | robodiff papers show 2303.04137 | robodiff papers show \"elucidating design space\"")
        { target, json };
        show.SetAction(r => Guard(r, () => Runner(console, r).Show(string.Join(' ', r.GetValue(target) ?? []), r.GetValue(json))));
        return show;
    }

    private static PapersRunner Runner(IAnsiConsole? console, ParseResult r) =>
        new(PaperCatalog.Default, console ?? AnsiConsole.Console, r.InvocationConfiguration.Output);

    /// <summary>Bad input becomes one line on the invocation's error writer and exit code 2, not a stack trace.</summary>
    private static int Guard(ParseResult r, Func<int> run) => CliErrors.Guard("papers", run, r.InvocationConfiguration.Error);
}
