using System.Text.Json;
using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>The embedded papers.json keeps the schema and counts of ../shared/literature/README.md.</summary>
public sealed class LiteratureDataTests
{
    private static readonly LiteratureIndex Index = LiteratureIndex.Default;

    [Fact]
    public void Embedded_list_has_the_documented_counts_and_source_commit()
    {
        Assert.Equal("30d28a8b55c906b77ee87ca0c11d79cdaa966e00", Index.Retrieved);
        Assert.Equal("2024-09-20", Index.CommitDate);
        Assert.Equal(133, Index.Papers.Count);
        Assert.Equal(9, Index.Implementations.Count);
        Assert.Equal(5, Index.Tutorials.Count);
        string[] expected =
        [
            "Learning about Diffusion models:5", "Imitation Learning and Policy Learning:44", "Video Diffusion in Robotics:14",
            "Online RL:4", "Offline RL:33", "Inverse RL:1", "World Models:5", "Task and Motion Planning:18",
            "Tactile Sensing & Pose Estimation & Grasping & Depth:7", "Robot Development and Construction:2",
        ];
        Assert.Equal(expected, Index.Sections.Select(s => $"{s.Name}:{Index.Papers.Count(p => p.Section == s.Name)}"));
    }

    [Fact]
    public void Embedded_file_is_the_verbatim_shared_copy()
    {
        // `sha256sum ../shared/literature/papers.json` printed this hash when the file was copied in.
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(EmbeddedData.PapersResource)!;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        Assert.Equal("f8829f7afe4f505b41915dd70055c56553f5b7607cb6a579885fbdb1aa4ad876", hash);
    }

    [Fact]
    public void Every_paper_object_has_exactly_the_schema_keys()
    {
        // Read with JsonDocument, not our model, so the check does not depend on the code under test.
        using var doc = JsonDocument.Parse(EmbeddedData.ReadText(EmbeddedData.PapersResource));
        string[] top = ["source", "retrieved", "commit_date", "sections", "papers", "implementations", "tutorials"];
        Assert.Equal(top.Order(), doc.RootElement.EnumerateObject().Select(p => p.Name).Order());
        string[] paperKeys = ["title", "url", "venue", "year", "arxiv", "section", "subsection"];
        foreach (var paper in doc.RootElement.GetProperty("papers").EnumerateArray())
        {
            Assert.Equal(paperKeys.Order(), paper.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(JsonValueKind.Null, paper.GetProperty("subsection").ValueKind);
        }
    }

    [Fact]
    public void Papers_are_numbered_from_one_in_file_order()
    {
        Assert.Equal(Enumerable.Range(1, 133), Index.Papers.Select(p => p.Id));
        Assert.Equal("Deep unsupervised learning using nonequilibrium thermodynamics", Index.ById(1)!.Title);
        Assert.Equal("2303.04137", Index.ById(43)!.Arxiv);   // Diffusion Policy, 43rd entry of papers.json
        Assert.Null(Index.ById(0));
        Assert.Null(Index.ById(134));
    }

    [Fact]
    public void Loader_rejects_unknown_keys_and_wrong_section_counts()
    {
        const string Paper = """{"title":"T","url":"u","venue":null,"year":2020,"arxiv":null,"section":"S","subsection":null}""";
        string Json(int count, string extra = "") =>
            $$"""{"source":"s","retrieved":"r","commit_date":"d","sections":[{"name":"S","parent":null,"count":{{count}}}],"papers":[{{Paper}}],"implementations":[],"tutorials":[]{{extra}}}""";
        Assert.Single(LiteratureIndex.Load(Json(1)).Papers);
        Assert.Throws<JsonException>(() => LiteratureIndex.Load(Json(1, ""","stray":1""")));
        var e = Assert.Throws<InvalidDataException>(() => LiteratureIndex.Load(Json(2)));
        Assert.Contains("'S'", e.Message);
    }
}
