using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>implemented.json and aliases.json point at real papers and say honestly what is implemented.</summary>
public sealed class MethodMapTests
{
    private static readonly PaperCatalog Catalog = PaperCatalog.Default;

    [Fact]
    public void Every_mapped_method_refers_to_a_paper_in_the_list_or_cites_one_the_list_lacks()
    {
        foreach (var m in Catalog.Methods.Methods)
        {
            if (m.Paper is not null)
                Assert.True(m.Paper.Resolve(Catalog.Index) is not null, $"{m.Name}: {m.Paper} is not in papers.json");
            else
            {
                Assert.NotNull(m.Citation);
                Assert.DoesNotContain(Catalog.Index.Papers, p => p.Arxiv == m.Citation!.Arxiv || p.Title == m.Citation.Title);
            }
        }
    }

    [Fact]
    public void Every_alias_refers_to_a_paper_in_the_list()
    {
        Assert.NotEmpty(Catalog.Aliases.Aliases);
        foreach (var a in Catalog.Aliases.Aliases)
            Assert.True(a.Paper.Resolve(Catalog.Index) is not null, $"{a.Alias}: {a.Paper} is not in papers.json");
    }

    [Theory]
    [InlineData("Denoising diffusion probabilistic models", "DDPM")]
    [InlineData("Classifier-Free Diffusion Guidance", "Classifier-free guidance")]
    [InlineData("Elucidating the Design Space of Diffusion-Based Generative Models", "EDM")]
    public void Core_papers_map_to_their_implemented_methods(string title, string method)
    {
        var paper = Catalog.Index.Papers.Single(p => p.Title == title);
        Assert.Equal(method, Catalog.MethodFor(paper)?.Name);
        Assert.True(Catalog.IsImplemented(paper));
    }

    [Theory]
    [InlineData("Diffuser", "U-Maze 117.4", "models/diffuser_maze2d_umaze")]   // docs/results.md, the shipped models' rows
    [InlineData("Diffuser", "Medium 129.5", "models/diffuser_maze2d_")]
    [InlineData("MPD", "1.787", "models/mpd_dense2d")]                         // docs/results.md, dense2d row of MPD
    public void Robotics_methods_are_implemented_with_their_shipped_models_measured_result(string name, string measured, string model)
    {
        var m = Catalog.Methods.Find(name);
        Assert.NotNull(m);
        Assert.Equal(MethodStatus.Implemented, m.Status);
        Assert.False(m.Measured.IsPending);
        Assert.Contains(measured, m.Measured.Value);
        Assert.Contains(model, m.Command);
    }

    [Fact]
    public void Coverage_names_each_reference_implementation_once()
    {
        Assert.Equal(Catalog.Index.Implementations.Select(i => i.Name).Order(), Catalog.Methods.Implementations.Select(c => c.Name).Order());
    }

    [Fact]
    public void A_mapping_to_a_missing_paper_is_rejected_at_load()
    {
        const string Methods = """
            {"about":"x","implementations":[],"methods":[{"name":"Ghost","aliases":[],"paper":{"title":null,"arxiv":"9999.99999"},
             "citation":null,"status":"implemented","modules":[],"command":"robodiff ghost","config":null,"paper_result":null,
             "measured":{"metric":"m","value":null},"notes":null}]}
            """;
        var e = Assert.Throws<InvalidDataException>(() => PaperCatalog.Load(methodsJson: Methods));
        Assert.Contains("9999.99999", e.Message);
    }
}
