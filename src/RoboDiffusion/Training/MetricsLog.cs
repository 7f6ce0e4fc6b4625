using System.Text.Json;

namespace RoboDiffusion.Training;

/// <summary>
/// Appends one JSON object per line ({"step": …, "loss": …, …}) to a metrics file; every line is flushed so a crash loses
/// nothing. Non-finite values are written as null, since JSON has no NaN.
/// </summary>
public sealed class MetricsLog(string path)
{
    public string Path { get; } = path;

    /// <summary>Appends {"step": step, name: value, …}.</summary>
    public void Append(long step, IEnumerable<KeyValuePair<string, double>> values)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("step", step);
            foreach (var (name, value) in values)
            {
                if (double.IsFinite(value)) json.WriteNumber(name, value);
                else json.WriteNull(name);
            }
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Drops lines logged after <paramref name="step"/> (and torn ones): a resumed run rewrites them.</summary>
    public void TruncateAfter(long step)
    {
        if (!File.Exists(Path)) return;
        var kept = File.ReadLines(Path).Where(line => StepOf(line) is { } s && s <= step).ToList();
        Data.Io.AtomicFile.WriteText(Path, kept.Count == 0 ? "" : string.Join('\n', kept) + "\n");
    }

    /// <summary>Reads every line back as name → value (null values become NaN).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> ReadAll() =>
        !File.Exists(Path) ? [] : [.. File.ReadLines(Path).Where(l => l.Length > 0).Select(Parse)];

    private static Dictionary<string, double> Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN);
    }

    private static long? StepOf(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("step", out var s) && s.TryGetInt64(out var v) ? v : null;
        }
        catch (JsonException)
        {
            return null;   // a line torn by a crash: dropped
        }
    }
}
