using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

public sealed class PaperRankerTests
{
    private static readonly PaperCatalog Catalog = PaperCatalog.Default;

    private static int TopId(string query) => Catalog.Ranker.Search(query).First().Paper.Id;

    [Fact]
    public void Every_exact_title_ranks_its_paper_first()
    {
        foreach (var p in Catalog.Index.Papers)
            Assert.True(TopId(p.Title) == p.Id, $"'{p.Title}' ranked #{TopId(p.Title)} first");
    }

    [Theory]
    [InlineData("3D Diffusion Policy", 24)]              // also a substring of many longer titles
    [InlineData("diffusion world model", 104)]           // case-blind
    [InlineData("policy-guided diffusion", 68)]          // vs "World models via policy-guided trajectory diffusion"
    public void Exact_title_beats_longer_titles_that_contain_it(string query, int id) => Assert.Equal(id, TopId(query));

    [Theory]
    [InlineData("difusion polcy", 43)]                                   // Diffusion Policy: Visuomotor …
    [InlineData("Denoising difusion probablistic modles", 2)]
    [InlineData("elucidating the desing space of diffusion", 5)]
    [InlineData("clasifier free guidence", 4)]
    [InlineData("motion planing difusion", 116)]
    [InlineData("consistancy policy", 20)]
    public void Misspelled_query_still_finds_the_paper(string query, int id) => Assert.Equal(id, TopId(query));

    [Theory]
    [InlineData("DDPM", 2)]          // acronym of the title
    [InlineData("MPD", 116)]         // acronym of the head "Motion Planning Diffusion: …"
    [InlineData("DP3", 24)]          // alias (aliases.json)
    [InlineData("EDM", 5)]           // alias and method name
    [InlineData("Diffusion-QL", 99)]
    [InlineData("2205.09991", 98)]   // arXiv id: Diffuser
    public void Acronyms_aliases_and_arxiv_ids_find_the_paper(string query, int id) => Assert.Equal(id, TopId(query));

    [Fact]
    public void Equal_scores_go_to_the_newer_paper_then_to_the_title()
    {
        Paper P(int id, string title, int year) => new(title, "u", null, year, null, "S", null) { Id = id };
        Paper[] papers = [P(1, "Beta Alpha", 2020), P(2, "Beta Gamma", 2023), P(3, "Alpha Beta", 2023)];
        var ranker = new PaperRanker(papers.Select(p => SearchDocument.Create(p, [])));
        Assert.Equal([3, 2, 1], ranker.Search("beta").Select(h => h.Paper.Id));
    }

    [Theory]
    [InlineData("xyzzy qwerty")]
    [InlineData("of the and")]
    [InlineData("   ")]
    public void Queries_without_meaningful_matches_return_nothing(string query) => Assert.Empty(Catalog.Ranker.Search(query));
}
