using RoboDiffusion.Data.Io;
using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of
/// UTF-8 JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then the raw little-endian
/// tensor bytes. Writes pad the header with spaces to a multiple of 8 and order tensors by element size, then name,
/// as the reference writer does, so every tensor is aligned.
/// </summary>
public static class Safetensors
{
    /// <summary>Headers above this size are rejected as corrupt (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Saves named tensors atomically (temporary file + rename). Tensors may live on any device.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));

    /// <summary>Writes the safetensors bytes of <paramref name="tensors"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O needs a little-endian machine.");
        var items = Order(tensors);
        var header = HeaderBytes(items, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var (_, tensor) in items)
        {
            if (tensor.numel() == 0) continue;
            using var scope = NewDisposeScope();   // frees the detached/CPU/contiguous views, never the caller's tensor
            stream.Write(tensor.detach().cpu().contiguous().bytes);
        }
    }

    /// <summary>Loads every tensor (on the CPU) and the metadata; validates the whole file first.</summary>
    public static SafetensorsFile Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var header = ReadHeader(stream, path);
        var tensors = new List<KeyValuePair<string, Tensor>>(header.Entries.Count);
        try
        {
            foreach (var entry in header.Entries) tensors.Add(new(entry.Name, ReadTensor(stream, header, entry)));
        }
        catch
        {
            foreach (var t in tensors) t.Value.Dispose();
            throw;
        }
        return new SafetensorsFile(tensors, header.Metadata);
    }

    /// <summary>Reads and validates only the header.</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadHeader(stream, path);
    }

    private static SafetensorsHeader ReadHeader(Stream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
            throw SafetensorsHeaderParser.Fail(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (n > MaxHeaderBytes)
            throw SafetensorsHeaderParser.Fail(path, $"header length {n} exceeds the {MaxHeaderBytes}-byte limit (not a safetensors file?)");
        if ((long)n > fileLength - 8)
            throw SafetensorsHeaderParser.Fail(path, $"header length {n} exceeds the {fileLength - 8} bytes after the length field (truncated?)");
        var json = new byte[n];
        stream.ReadExactly(json);
        var dataStart = 8 + (long)n;
        return SafetensorsHeaderParser.Parse(path, json, dataStart, fileLength - dataStart);
    }

    private static Tensor ReadTensor(Stream stream, SafetensorsHeader header, SafetensorsEntry entry)
    {
        var tensor = empty(entry.Shape, dtype: entry.DType.ToScalarType());
        if (entry.ElementCount == 0) return tensor;
        stream.Position = header.DataStart + entry.Begin;
        stream.ReadExactly(tensor.bytes);
        return tensor;
    }

    private static List<(string Name, Tensor Tensor)> Order(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var items = new List<(string Name, Tensor Tensor)>();
        var names = new HashSet<string>();
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafetensorsHeaderParser.MetadataKey) throw new ArgumentException($"'{name}' is reserved for metadata.");
            if (!names.Add(name)) throw new ArgumentException($"Tensor name '{name}' is given twice.");
            items.Add((name, tensor));
        }
        return [.. items.OrderByDescending(i => SafetensorsDTypes.FromScalarType(i.Tensor.dtype).ByteSize())
            .ThenBy(i => i.Name, StringComparer.Ordinal)];
    }

    private static byte[] HeaderBytes(List<(string Name, Tensor Tensor)> items, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeaderParser.MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in items) offset = WriteEntry(json, name, tensor, offset);
            json.WriteEndObject();
        }
        var padded = (buffer.Length + 7) / 8 * 8;   // spaces keep the data section 8-byte aligned
        while (buffer.Length < padded) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static long WriteEntry(Utf8JsonWriter json, string name, Tensor tensor, long offset)
    {
        var dtype = SafetensorsDTypes.FromScalarType(tensor.dtype);
        var end = offset + tensor.numel() * dtype.ByteSize();
        json.WriteStartObject(name);
        json.WriteString("dtype", dtype.HeaderName());
        json.WriteStartArray("shape");
        foreach (var d in tensor.shape) json.WriteNumberValue(d);
        json.WriteEndArray();
        json.WriteStartArray("data_offsets");
        json.WriteNumberValue(offset);
        json.WriteNumberValue(end);
        json.WriteEndArray();
        json.WriteEndObject();
        return end;
    }
}
