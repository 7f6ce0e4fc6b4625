namespace RoboDiffusion.Checkpoints;

/// <summary>The parsed and validated header of a safetensors file.</summary>
/// <param name="Entries">Tensor records in the order of their data offsets.</param>
/// <param name="Metadata">The optional "__metadata__" string map (empty when absent).</param>
/// <param name="DataStart">Absolute file offset of the data section: 8 + header length.</param>
public sealed record SafetensorsHeader(
    IReadOnlyList<SafetensorsEntry> Entries,
    IReadOnlyDictionary<string, string> Metadata,
    long DataStart);
