namespace RoboDiffusion.Cli.Papers;

/// <summary>One method of implemented.json: its paper, status, the modules that hold it and the command that reproduces it.</summary>
/// <param name="Name">Method name, e.g. "DDIM"; <c>papers show NAME</c> finds it.</param>
/// <param name="Aliases">Other names (sampler names, acronyms).</param>
/// <param name="Paper">The paper in the curated list, or null when the list lacks it (then <paramref name="Citation"/> is set).</param>
/// <param name="Citation">A direct citation for papers outside the curated list.</param>
/// <param name="Status">Implemented, or planned (not in the library yet).</param>
/// <param name="Modules">RoboDiffusion namespaces that implement it.</param>
/// <param name="Command">The command line that runs (or, when planned, will run) it.</param>
/// <param name="Config">The experiment file the command uses, if any.</param>
/// <param name="PaperResult">The paper's headline number, quoted; null when not verified.</param>
/// <param name="Measured">Our measurement; pending until a run fills it in.</param>
/// <param name="Notes">Caveats, e.g. flags of the command that are not settled yet.</param>
internal sealed record ImplementedMethod(
    string Name, IReadOnlyList<string> Aliases, PaperRef? Paper, Citation? Citation, MethodStatus Status,
    IReadOnlyList<string> Modules, string Command, string? Config, string? PaperResult, MeasuredResult Measured, string? Notes)
{
    /// <summary>True when <paramref name="name"/> is the method's name or one of its aliases (case- and punctuation-blind).</summary>
    public bool IsNamed(string name)
    {
        var key = TextNormalizer.Compact(name);
        return key.Length > 0 && (TextNormalizer.Compact(Name) == key || Aliases.Any(a => TextNormalizer.Compact(a) == key));
    }
}
