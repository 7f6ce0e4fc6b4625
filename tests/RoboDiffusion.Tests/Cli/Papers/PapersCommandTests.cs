using System.Text.Json;
using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>`robodiff papers` end to end: parsing, exit codes, clean JSON on stdout, 80-column tables.</summary>
public sealed class PapersCommandTests
{
    [Fact]
    public void Json_output_parses_and_holds_only_json()
    {
        var run = PapersHarness.Run("diffusion", "policy", "--json", "--limit", "5");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Console);   // nothing drawn for humans
        using var doc = JsonDocument.Parse(run.Stdout);
        var papers = doc.RootElement.GetProperty("papers");
        Assert.Equal(5, papers.GetArrayLength());
        Assert.Equal(43, papers[0].GetProperty("id").GetInt32());
        Assert.Equal("implemented", papers[0].GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("total").GetInt32() >= 5);
    }

    [Fact]
    public void Unknown_section_fails_with_the_valid_sections_on_stderr()
    {
        var run = PapersHarness.Run("--section", "Space Robotics", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("Valid sections:", run.Stderr);
        Assert.Contains("Task and Motion Planning", run.Stderr);
    }

    [Fact]
    public void Full_table_fits_an_80_column_terminal()
    {
        var run = PapersHarness.Run("--limit", "0");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Console.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Contains("2303.04137"));
        Assert.Contains("133 papers", run.Console);
    }

    [Fact]
    public void Show_by_method_name_prints_the_command_and_the_measured_result()
    {
        var run = PapersHarness.Run("show", "DDIM");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Denoising Diffusion Implicit Models", run.Console);
        Assert.Contains(PaperCatalog.Default.Methods.Find("DDIM")!.Command, run.Console);   // on one line, for copy and paste
        Assert.Contains("0.174", run.Console);   // SW2 measured on 2026-11-25 with that command (docs/results.md)
        Assert.DoesNotContain("pending", run.Console);
    }

    [Fact]
    public void Show_of_diffusion_policy_quotes_the_paper_number_beside_the_measured_one()
    {
        var run = PapersHarness.Run("show", "43", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var method = doc.RootElement.GetProperty("method");
        Assert.Equal("implemented", method.GetProperty("status").GetString());
        Assert.Equal("configs/pusht_state_unet.yaml", method.GetProperty("config").GetString());
        Assert.Contains("0.95", method.GetProperty("paper_result").GetString());   // Chi et al., Table 1
        Assert.Contains("0.973", method.GetProperty("measured").GetProperty("value").GetString());   // docs/results.md
    }

    [Theory]
    [InlineData("--limit", "-1")]
    [InlineData("--year", "2023", "--since", "2020")]
    [InlineData("--venue", "Nature")]
    public void Bad_options_exit_2_with_a_message_and_empty_stdout(params string[] args)
    {
        var run = PapersHarness.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("robodiff papers: ", run.Stderr);
    }

    [Fact]
    public void Show_of_an_unknown_id_fails_with_the_valid_range()
    {
        var run = PapersHarness.Run("show", "999");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("1 to 133", run.Stderr);
    }

    [Fact]
    public void Stats_count_every_paper_once()
    {
        var run = PapersHarness.Run("--stats", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(133, doc.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(133, doc.RootElement.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(133, doc.RootElement.GetProperty("years").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Contains("Papers per year", PapersHarness.Run("--stats").Console);
    }

    [Fact]
    public void Stats_with_a_query_count_its_matches()
    {
        using var search = JsonDocument.Parse(PapersHarness.Run("grasp", "--json").Stdout);
        using var stats = JsonDocument.Parse(PapersHarness.Run("grasp", "--stats", "--json").Stdout);
        var matches = search.RootElement.GetProperty("total").GetInt32();
        Assert.InRange(matches, 1, 132);
        Assert.Equal(matches, stats.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Implementations_lists_all_nine_with_their_coverage()
    {
        var run = PapersHarness.Run("--implementations", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(9, rows.Count);
        Assert.Equal("not_covered", rows.Single(r => r.GetProperty("name").GetString() == "octo-models").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("show", "--help")]
    public void Help_describes_the_command_with_an_example(params string[] args)
    {
        var run = PapersHarness.Run(args);
        Assert.Contains("Example", run.Stdout);
    }
}
