using System.Text.Json;

namespace RoboDiffusion.Checkpoints;

/// <summary>
/// Parses and validates a safetensors JSON header (huggingface/safetensors README, "Format"): every entry needs a known
/// dtype, a non-negative shape and data_offsets [begin, end] whose length matches the shape; together the ranges must
/// tile the data section exactly (no overlap, no hole, nothing past its end), as the reference implementation demands.
/// </summary>
internal static class SafetensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    public static SafetensorsHeader Parse(string path, byte[] json, long dataStart, long dataLength)
    {
        using var doc = ParseJson(path, json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw Fail(path, $"the JSON header is a {doc.RootElement.ValueKind}, not an object");
        var entries = new List<SafetensorsEntry>();
        var metadata = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Fail(path, $"tensor '{property.Name}' appears twice in the header");
            if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
            else entries.Add(ReadEntry(path, property.Name, property.Value));
        }
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        CheckTiling(path, entries, dataLength);
        return new SafetensorsHeader(entries, metadata, dataStart);
    }

    private static JsonDocument ParseJson(string path, byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);   // whole-input parse: trailing padding spaces pass, trailing garbage does not
        }
        catch (JsonException e)
        {
            throw Fail(path, $"the header is not valid JSON ({e.Message})");
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Fail(path, $"\"{MetadataKey}\" must be an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Fail(path, $"metadata value '{item.Name}' is a {item.Value.ValueKind}, not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Fail(path, $"tensor '{name}' is a {value.ValueKind}, not an object");
        var dtypeName = Field(path, name, value, "dtype", JsonValueKind.String).GetString()!;
        var dtype = SafetensorsDTypes.TryParse(dtypeName)
            ?? throw Fail(path, $"tensor '{name}' has unknown dtype '{dtypeName}' (supported: {SafetensorsDTypes.SupportedNames})");
        var shape = Integers(path, name, Field(path, name, value, "shape", JsonValueKind.Array), "shape");
        var offsets = Integers(path, name, Field(path, name, value, "data_offsets", JsonValueKind.Array), "data_offsets");
        if (offsets.Length != 2) throw Fail(path, $"tensor '{name}' has {offsets.Length} data_offsets, expected [begin, end]");
        var entry = new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        if (entry.End < entry.Begin) throw Fail(path, $"tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}] with end before begin");
        if (entry.End - entry.Begin != SafeExpectedBytes(path, entry))
            throw Fail(path, $"tensor '{name}' spans {entry.End - entry.Begin} bytes but {dtypeName} [{string.Join(", ", shape)}] needs {entry.ExpectedBytes}");
        return entry;
    }

    private static long SafeExpectedBytes(string path, SafetensorsEntry entry)
    {
        try { return entry.ExpectedBytes; }
        catch (OverflowException) { throw Fail(path, $"tensor '{entry.Name}' has a shape too large to address"); }
    }

    private static JsonElement Field(string path, string name, JsonElement entry, string field, JsonValueKind kind)
    {
        if (!entry.TryGetProperty(field, out var value)) throw Fail(path, $"tensor '{name}' has no \"{field}\"");
        if (value.ValueKind != kind) throw Fail(path, $"tensor '{name}' has a {value.ValueKind} \"{field}\", expected {kind}");
        return value;
    }

    private static long[] Integers(string path, string name, JsonElement array, string field)
    {
        var values = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
                throw Fail(path, $"tensor '{name}' has a \"{field}\" item {item.GetRawText()} that is not a non-negative integer");
            values.Add(v);
        }
        return [.. values];
    }

    private static void CheckTiling(string path, List<SafetensorsEntry> sorted, long dataLength)
    {
        long cursor = 0;
        string? previous = null;
        foreach (var e in sorted)
        {
            if (e.Begin < cursor)
                throw Fail(path, $"tensor '{e.Name}' [{e.Begin}, {e.End}) overlaps tensor '{previous}' which ends at {cursor}");
            if (e.Begin > cursor)
                throw Fail(path, $"bytes [{cursor}, {e.Begin}) before tensor '{e.Name}' belong to no tensor (the data must have no holes)");
            if (e.End > dataLength)
                throw Fail(path, $"tensor '{e.Name}' ends at byte {e.End} of the data section but the file holds only {dataLength} data bytes (truncated?)");
            cursor = e.End;
            previous = e.Name;
        }
        if (cursor < dataLength)
            throw Fail(path, $"the data section has {dataLength} bytes but the tensors declare only {cursor} (trailing bytes)");
    }

    public static SafetensorsFormatException Fail(string path, string problem) => new(path, problem);
}
