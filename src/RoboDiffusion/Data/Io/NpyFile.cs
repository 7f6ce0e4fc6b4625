using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace RoboDiffusion.Data.Io;

/// <summary>
/// Reads and writes NumPy .npy files (numpy.lib.format) for float32, float64, int32, int64 and uint8 in little-endian
/// C order. Writes produce the same bytes as numpy.save (format 1.0, or 2.0 for huge headers) and go to a temporary file
/// first, renamed over the target, so readers never see half a file. Malformed input raises
/// <see cref="InvalidDataException"/> naming the problem.
/// </summary>
public static class NpyFile
{
    /// <summary>Writes <paramref name="data"/> (C order) with <paramref name="shape"/>; T is float, double, int, long or byte.</summary>
    public static void Write<T>(string path, T[] data, params long[] shape) where T : unmanaged =>
        WriteAtomically(path, Encode(data, shape));

    /// <summary>Writes a tensor of a supported dtype (float32, float64, int32, int64, uint8); any device, any strides.</summary>
    public static void Write(string path, Tensor tensor) => WriteAtomically(path, Encode(tensor));

    /// <summary>Reads an .npy file.</summary>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) { throw new FileNotFoundException($"No .npy file at '{path}'.", path, e); }
        try { return Decode(bytes); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{e.Message} (file '{path}')", e); }
    }

    /// <summary>Reads an .npy file straight into a CPU tensor.</summary>
    public static Tensor ReadTensor(string path) => Read(path).ToTensor();

    /// <summary>The complete .npy bytes (header + data) for <paramref name="data"/> with <paramref name="shape"/>.</summary>
    public static byte[] Encode<T>(T[] data, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = DTypeOf<T>();
        if (shape.Any(d => d < 0)) throw new ArgumentException($"Shape ({string.Join(", ", shape)}) has a negative size.", nameof(shape));
        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
        if (count != data.LongLength)
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {count} elements but the data has {data.LongLength}.", nameof(data));
        var header = NpyHeader.Encode(dtype, shape);
        var payload = MemoryMarshal.AsBytes(data.AsSpan());
        var bytes = new byte[header.Length + payload.Length];
        header.CopyTo(bytes, 0);
        payload.CopyTo(bytes.AsSpan(header.Length));
        return bytes;
    }

    /// <summary>The complete .npy bytes for a tensor.</summary>
    public static byte[] Encode(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var c = tensor.detach().cpu().contiguous();
        var shape = c.shape;
        return c.dtype switch
        {
            ScalarType.Float32 => Encode(c.data<float>().ToArray(), shape),
            ScalarType.Float64 => Encode(c.data<double>().ToArray(), shape),
            ScalarType.Int32 => Encode(c.data<int>().ToArray(), shape),
            ScalarType.Int64 => Encode(c.data<long>().ToArray(), shape),
            ScalarType.Byte => Encode(c.data<byte>().ToArray(), shape),
            _ => throw new ArgumentException($"dtype {c.dtype} cannot be written; use Float32, Float64, Int32, Int64 or Byte.", nameof(tensor)),
        };
    }

    /// <summary>Parses complete .npy bytes.</summary>
    public static NpyArray Decode(ReadOnlySpan<byte> bytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("NpyFile needs a little-endian machine.");
        var header = NpyHeader.Decode(bytes);
        long expected;
        try { expected = checked(header.Count * NpyHeader.ItemSize(header.DType)); }
        catch (OverflowException) { throw NpyHeader.Bad($"shape ({string.Join(", ", header.Shape)}) is too large"); }
        var available = bytes.Length - header.DataOffset;
        if (available < expected)
            throw NpyHeader.Bad($"truncated data: shape ({string.Join(", ", header.Shape)}) needs {expected} bytes but {available} follow the header");
        if (available > expected)
            throw NpyHeader.Bad($"{available - expected} unexpected bytes after the {expected} bytes of data");
        var payload = bytes.Slice(header.DataOffset, (int)expected);
        Array data = header.DType switch
        {
            NpyDType.Float32 => MemoryMarshal.Cast<byte, float>(payload).ToArray(),
            NpyDType.Float64 => MemoryMarshal.Cast<byte, double>(payload).ToArray(),
            NpyDType.Int32 => MemoryMarshal.Cast<byte, int>(payload).ToArray(),
            NpyDType.Int64 => MemoryMarshal.Cast<byte, long>(payload).ToArray(),
            _ => payload.ToArray(),
        };
        return new NpyArray(header.Shape, header.DType, data);
    }

    private static NpyDType DTypeOf<T>() => typeof(T) switch
    {
        var t when t == typeof(float) => NpyDType.Float32,
        var t when t == typeof(double) => NpyDType.Float64,
        var t when t == typeof(int) => NpyDType.Int32,
        var t when t == typeof(long) => NpyDType.Int64,
        var t when t == typeof(byte) => NpyDType.UInt8,
        _ => throw new ArgumentException($"Element type {typeof(T).Name} is not supported; use float, double, int, long or byte."),
    };

    /// <summary>Temp file in the same folder, flushed to disk, then renamed over the target (atomic on one file system).</summary>
    private static void WriteAtomically(string path, byte[] bytes) => AtomicFile.Write(path, stream => stream.Write(bytes));
}
