using System.Text.Json;
using System.Text.Json.Nodes;

namespace RoboDiffusion.Data.Zarr;

/// <summary>
/// The .zarray document of a zarr v2 array (zarr spec v2, "Metadata"): shape, chunk shape, NumPy dtype string,
/// compressor config (null, blosc, zstd, lz4, zlib, gzip), fill value, C order, and the chunk key separator.
/// </summary>
public sealed record ZarrArrayMetadata(
    IReadOnlyList<long> Shape, IReadOnlyList<int> Chunks, ZarrDType DType, JsonObject? Compressor, double FillValue, char Separator)
{
    /// <summary>Reads and checks &lt;array&gt;/.zarray; problems name the file.</summary>
    public static ZarrArrayMetadata Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found (not a zarr v2 array folder?).");
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("expected a JSON object.");
            var format = Required(o, "zarr_format").GetValue<int>();
            if (format != 2) throw new FormatException($"zarr_format {format} is not supported; only zarr v2 is read.");
            var order = Required(o, "order").GetValue<string>();
            if (order != "C") throw new FormatException($"order '{order}' is not supported; only C order is read.");
            if (o["filters"] is JsonArray { Count: > 0 } filters)
                throw new FormatException($"filters {filters.ToJsonString()} are not supported.");
            var shape = Required(o, "shape").AsArray().Select(d => d!.GetValue<long>()).ToArray();
            var chunks = Required(o, "chunks").AsArray().Select(d => d!.GetValue<int>()).ToArray();
            if (shape.Length != chunks.Length || chunks.Any(c => c <= 0) || shape.Any(s => s < 0))
                throw new FormatException($"shape [{string.Join(", ", shape)}] and chunks [{string.Join(", ", chunks)}] do not match.");
            var separator = o["dimension_separator"]?.GetValue<string>() ?? ".";
            if (separator is not ("." or "/")) throw new FormatException($"dimension_separator '{separator}' must be '.' or '/'.");
            return new ZarrArrayMetadata(shape, chunks, ZarrDType.Parse(Required(o, "dtype").GetValue<string>()),
                o["compressor"] as JsonObject, ParseFill(o["fill_value"]), separator[0]);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, $"malformed JSON ({e.Message}).", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new DatasetFormatException(path, e.Message, e);
        }
    }

    /// <summary>Total number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes of one full (uncompressed) chunk.</summary>
    public long ChunkBytes => Chunks.Aggregate((long)DType.ItemSize, (a, b) => a * b);

    // fill_value may be null (no fill: treated as 0), a number, or "NaN"/"Infinity"/"-Infinity".
    private static double ParseFill(JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s switch
        {
            "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"fill_value '{s}' is not a number."),
        },
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? 1 : 0,
        JsonValue v => v.GetValue<double>(),
        _ => throw new FormatException($"fill_value {node.ToJsonString()} is not a number."),
    };

    private static JsonNode Required(JsonObject o, string key) => o[key] ?? throw new FormatException($"missing key '{key}'.");
}
