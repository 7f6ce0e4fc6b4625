using RoboDiffusion.Data.Io;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoboDiffusion.Cli.PushT;

/// <summary>The JSON of `robodiff eval pusht --json`: the run's settings, its aggregates, and one entry per episode in seed order.</summary>
internal sealed record PushTEvalReport(
    string Policy,
    long Seed,
    int MaxSteps,
    PushTEvalSummary Summary,
    IReadOnlyList<PushTEpisodeResult> Episodes)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Writes the report atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicFile.WriteText(path, ToJson());
}
