using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>Expected counts come from papers.json as counted by its README and by a one-line Python count.</summary>
public sealed class PaperFilterTests
{
    private static readonly PaperCatalog Catalog = PaperCatalog.Default;

    private static int Count(PaperFilter f) => f.Apply(Catalog).Count;

    [Theory]
    [InlineData("Offline RL", 33)]
    [InlineData("offline", 33)]          // a unique part of the name is enough
    [InlineData("TACTILE", 7)]
    public void Section_filter_matches_case_blind_and_by_unique_part(string section, int expected) =>
        Assert.Equal(expected, Count(new PaperFilter { Section = section }));

    [Fact]
    public void Unknown_section_names_all_valid_sections()
    {
        var e = Assert.Throws<ArgumentException>(() => Count(new PaperFilter { Section = "reinforcement" }));
        foreach (var s in Catalog.Index.Sections) Assert.Contains(s.Name, e.Message);
    }

    [Fact]
    public void Ambiguous_section_names_the_candidates()
    {
        var e = Assert.Throws<ArgumentException>(() => Count(new PaperFilter { Section = "rl" }));
        Assert.Contains("Online RL", e.Message);
        Assert.Contains("Offline RL", e.Message);
        Assert.Contains("Inverse RL", e.Message);
    }

    [Theory]
    [InlineData(2015, null, 1)]
    [InlineData(2023, null, 74)]
    [InlineData(null, 2024, 50)]
    [InlineData(null, 2022, 128)]
    public void Year_and_since_filters_count_the_documented_papers(int? year, int? since, int expected) =>
        Assert.Equal(expected, Count(new PaperFilter { Year = year, Since = since }));

    [Fact]
    public void Venue_filter_matches_the_venue_name_and_rejects_unknown_venues()
    {
        Assert.Equal(25, Count(new PaperFilter { Venue = "corl" }));                // CoRL 2024: 16, CoRL 2023: 9
        Assert.Equal(9, Count(new PaperFilter { Venue = "CoRL", Year = 2023 }));
        var e = Assert.Throws<ArgumentException>(() => Count(new PaperFilter { Venue = "Nature" }));
        Assert.Contains("NeurIPS", e.Message);
    }

    [Fact]
    public void Implemented_filter_keeps_only_papers_with_implemented_methods()
    {
        var ids = new PaperFilter { ImplementedOnly = true }.Apply(Catalog).Select(p => p.Id);
        Assert.Equal([2, 4, 5, 43, 98, 116], ids);   // DDPM, classifier-free guidance, EDM, Diffusion Policy, Diffuser, MPD
    }

    [Fact]
    public void Year_and_since_together_are_rejected() =>
        Assert.Throws<ArgumentException>(() => Count(new PaperFilter { Year = 2023, Since = 2022 }));
}
