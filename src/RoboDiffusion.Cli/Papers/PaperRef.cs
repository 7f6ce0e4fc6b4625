namespace RoboDiffusion.Cli.Papers;

/// <summary>Points at a paper of the curated list by arXiv id or, when it has none, by exact title.</summary>
internal sealed record PaperRef(string? Title, string? Arxiv)
{
    /// <summary>The paper referred to, or null when the list has no such paper.</summary>
    public Paper? Resolve(LiteratureIndex index) =>
        Arxiv is not null ? index.Papers.FirstOrDefault(p => p.Arxiv == Arxiv)
        : Title is not null ? index.Papers.FirstOrDefault(p => p.Title == Title)
        : null;

    public override string ToString() => Arxiv is not null ? $"arXiv {Arxiv}" : $"\"{Title}\"";
}
