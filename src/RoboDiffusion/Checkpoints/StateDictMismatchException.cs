namespace RoboDiffusion.Checkpoints;

/// <summary>
/// Saved tensors do not fit a module: names every missing, unexpected, wrongly shaped and wrongly typed entry at once,
/// so one failed load shows the whole difference.
/// </summary>
public sealed class StateDictMismatchException(
    string source,
    IReadOnlyList<string> missing,
    IReadOnlyList<string> unexpected,
    IReadOnlyList<string> wrongShape,
    IReadOnlyList<string> wrongDType)
    : Exception(Compose(source, missing, unexpected, wrongShape, wrongDType))
{
    /// <summary>Module entries the file lacks.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;

    /// <summary>File entries the module does not have.</summary>
    public IReadOnlyList<string> Unexpected { get; } = unexpected;

    /// <summary>"name: file [..] vs module [..]" for each shape mismatch.</summary>
    public IReadOnlyList<string> WrongShape { get; } = wrongShape;

    /// <summary>"name: file X vs module Y" for each dtype mismatch.</summary>
    public IReadOnlyList<string> WrongDType { get; } = wrongDType;

    private static string Compose(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> wrongShape, IReadOnlyList<string> wrongDType)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) parts.Add($"unexpected: {string.Join(", ", unexpected)}");
        if (wrongShape.Count > 0) parts.Add($"wrong shape: {string.Join("; ", wrongShape)}");
        if (wrongDType.Count > 0) parts.Add($"wrong dtype: {string.Join("; ", wrongDType)}");
        return $"State in '{source}' does not match the module. {string.Join(". ", parts)}.";
    }
}
