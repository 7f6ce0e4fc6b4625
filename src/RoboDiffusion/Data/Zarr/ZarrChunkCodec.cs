using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using K4os.Compression.LZ4;

namespace RoboDiffusion.Data.Zarr;

/// <summary>
/// Decodes one stored chunk by the array's "compressor" (numcodecs ids): null (raw bytes), "blosc", "zstd" (a zstd
/// frame), "lz4" (numcodecs LZ4: int32 little-endian size, then an LZ4 block), "zlib", "gzip".
/// </summary>
public static class ZarrChunkCodec
{
    /// <summary>The uncompressed chunk bytes.</summary>
    public static byte[] Decode(JsonObject? compressor, byte[] stored, long expectedBytes)
    {
        var id = compressor?["id"]?.GetValue<string>();
        var bytes = id switch
        {
            null => stored,
            "blosc" => BloscDecoder.Decompress(stored),
            "zstd" => DecodeZstd(stored),
            "lz4" => DecodeLz4(stored),
            "zlib" => Inflate(new ZLibStream(new MemoryStream(stored), CompressionMode.Decompress), expectedBytes),
            "gzip" => Inflate(new GZipStream(new MemoryStream(stored), CompressionMode.Decompress), expectedBytes),
            _ => throw new NotSupportedException($"compressor '{id}' is not supported; supported: null, blosc, zstd, lz4, zlib, gzip."),
        };
        if (bytes.Length != expectedBytes)
            throw new InvalidDataException($"chunk decodes to {bytes.Length} bytes, expected {expectedBytes} (truncated or wrong chunk shape?).");
        return bytes;
    }

    private static byte[] DecodeZstd(byte[] stored)
    {
        using var d = new ZstdSharp.Decompressor();
        return d.Unwrap(stored).ToArray();
    }

    private static byte[] DecodeLz4(byte[] stored)
    {
        if (stored.Length < 4) throw new InvalidDataException("lz4 chunk is shorter than its 4-byte size header.");
        var size = BinaryPrimitives.ReadInt32LittleEndian(stored);
        var output = new byte[size];
        var n = LZ4Codec.Decode(stored.AsSpan(4), output);
        if (n != size) throw new InvalidDataException($"lz4 chunk decoded to {n} bytes, expected {size}.");
        return output;
    }

    private static byte[] Inflate(Stream stream, long expectedBytes)
    {
        using (stream)
        {
            var output = new byte[expectedBytes];
            var n = BloscDecoder.ReadAll(stream, output);
            if (n != expectedBytes || stream.ReadByte() != -1)
                throw new InvalidDataException($"deflate chunk does not hold exactly {expectedBytes} bytes.");
            return output;
        }
    }
}
