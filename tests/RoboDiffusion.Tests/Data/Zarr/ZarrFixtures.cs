using System.Buffers.Binary;
using System.Text.Json.Nodes;
using K4os.Compression.LZ4;

namespace RoboDiffusion.Tests.Data.Zarr;

/// <summary>
/// Writes small zarr v2 arrays by hand for the tests: .zarray JSON and C-order chunk files, raw or compressed.
/// Blosc frames are assembled here from the c-blosc format description (16-byte header, block offsets, per-stream
/// int32 sizes), independently of the decoder under test.
/// </summary>
public static class ZarrFixtures
{
    public enum Codec { Raw, Zstd, BloscLz4, BloscZstd, BloscMemcpy }

    /// <summary>Writes array <paramref name="name"/> of little-endian <paramref name="raw"/> bytes (C order, whole array).</summary>
    public static void WriteArray(string root, string name, string dtype, long[] shape, int[] chunks, byte[] raw, Codec codec,
        bool shuffle = false, int bloscBlocksize = 0, bool skipLastChunk = false)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var item = int.Parse(dtype[2..]);
        var meta = new JsonObject
        {
            ["zarr_format"] = 2, ["order"] = "C", ["dtype"] = dtype, ["fill_value"] = 0, ["filters"] = null,
            ["shape"] = new JsonArray([.. shape.Select(s => JsonValue.Create(s))]),
            ["chunks"] = new JsonArray([.. chunks.Select(c => JsonValue.Create(c))]),
            ["compressor"] = codec switch
            {
                Codec.Raw => null,
                Codec.Zstd => new JsonObject { ["id"] = "zstd", ["level"] = 3 },
                _ => new JsonObject { ["id"] = "blosc", ["cname"] = codec == Codec.BloscZstd ? "zstd" : "lz4", ["clevel"] = 5, ["shuffle"] = shuffle ? 1 : 0, ["blocksize"] = 0 },
            },
        };
        File.WriteAllText(Path.Combine(dir, ".zarray"), meta.ToJsonString());
        var grid = shape.Select((s, d) => (int)((s + chunks[d] - 1) / chunks[d])).ToArray();
        var indices = Grid(grid).ToList();
        foreach (var index in skipLastChunk ? indices[..^1] : indices)
        {
            var chunk = ExtractChunk(raw, shape, chunks, index, item);
            var stored = codec switch
            {
                Codec.Raw => chunk,
                Codec.Zstd => new ZstdSharp.Compressor(3).Wrap(chunk).ToArray(),
                Codec.BloscMemcpy => BloscFrame(chunk, item, shuffle, 0, bloscBlocksize, memcpy: true),
                Codec.BloscLz4 => BloscFrame(chunk, item, shuffle, 1, bloscBlocksize),
                _ => BloscFrame(chunk, item, shuffle, 4, bloscBlocksize),
            };
            File.WriteAllBytes(Path.Combine(dir, string.Join('.', index)), stored);
        }
    }

    /// <summary>A full-size chunk (edge chunks padded with zeros, as zarr stores them).</summary>
    private static byte[] ExtractChunk(byte[] raw, long[] shape, int[] chunks, int[] index, int item)
    {
        var chunk = new byte[chunks.Aggregate(item, (a, b) => a * b)];
        foreach (var local in Grid(chunks))
        {
            long src = 0, dst = 0;
            var inside = true;
            for (var d = 0; d < shape.Length; d++)
            {
                var g = (long)index[d] * chunks[d] + local[d];
                inside &= g < shape[d];
                src = src * shape[d] + g;
                dst = dst * chunks[d] + local[d];
            }
            if (inside) Array.Copy(raw, src * item, chunk, dst * item, item);
        }
        return chunk;
    }

    /// <summary>
    /// A Blosc 1 frame. Flags: bit 0 shuffle, bit 1 memcpy, bit 4 don't-split, bits 5-7 codec (1 lz4, 4 zstd).
    /// Blocks are split into typesize streams when typesize ≤ 16 and blocksize/typesize ≥ 128 (and not the leftover
    /// block); a stream that does not shrink is stored raw with size = its length.
    /// </summary>
    public static byte[] BloscFrame(byte[] data, int typesize, bool shuffle, int codec, int blocksize = 0, bool memcpy = false)
    {
        blocksize = blocksize > 0 ? Math.Min(blocksize, data.Length) : data.Length;
        var split = typesize <= 16 && blocksize / typesize >= 128;
        var flags = (byte)((shuffle ? 0x01 : 0) | (memcpy ? 0x02 : 0) | (split ? 0 : 0x10) | (codec << 5));
        var body = new List<byte>();
        var nblocks = (data.Length + blocksize - 1) / blocksize;
        var starts = new int[nblocks];
        if (memcpy) body.AddRange(data);
        else
        {
            for (var b = 0; b < nblocks; b++)
            {
                starts[b] = 16 + 4 * nblocks + body.Count;
                var block = data.AsSpan(b * blocksize, Math.Min(blocksize, data.Length - b * blocksize)).ToArray();
                if (shuffle && typesize > 1) block = Shuffle(block, typesize);
                var nstreams = split && block.Length == blocksize ? typesize : 1;
                var ne = block.Length / nstreams;
                for (var j = 0; j < nstreams; j++)
                {
                    var stream = block.AsSpan(j * ne, ne).ToArray();
                    var packed = codec == 1 ? Lz4(stream) : new ZstdSharp.Compressor(3).Wrap(stream).ToArray();
                    if (packed.Length >= ne) packed = stream;
                    body.AddRange(BitConverter.GetBytes(packed.Length));
                    body.AddRange(packed);
                }
            }
        }
        var header = new byte[16];
        header[0] = 2; header[1] = 1; header[2] = flags; header[3] = (byte)typesize;
        var total = 16 + (memcpy ? 0 : 4 * nblocks) + body.Count;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), blocksize);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), total);
        return [.. header, .. memcpy ? [] : starts.SelectMany(BitConverter.GetBytes), .. body];
    }

    /// <summary>Byte shuffle: byte k of element i goes to k·n + i; bytes past the last whole element stay in place.</summary>
    private static byte[] Shuffle(byte[] block, int typesize)
    {
        var n = block.Length / typesize;
        var result = (byte[])block.Clone();
        for (var i = 0; i < n; i++)
            for (var k = 0; k < typesize; k++)
                result[k * n + i] = block[i * typesize + k];
        return result;
    }

    private static byte[] Lz4(byte[] input)
    {
        var output = new byte[LZ4Codec.MaximumOutputSize(input.Length)];
        var n = LZ4Codec.Encode(input, output);
        return output[..n];
    }

    private static IEnumerable<int[]> Grid(int[] extent)
    {
        var index = new int[extent.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            var d = extent.Length - 1;
            while (d >= 0 && ++index[d] == extent[d]) index[d--] = 0;
            if (d < 0) yield break;
        }
    }

    public static byte[] Bytes(float[] v) { var b = new byte[v.Length * 4]; Buffer.BlockCopy(v, 0, b, 0, b.Length); return b; }
    public static byte[] Bytes(double[] v) { var b = new byte[v.Length * 8]; Buffer.BlockCopy(v, 0, b, 0, b.Length); return b; }
    public static byte[] Bytes(long[] v) { var b = new byte[v.Length * 8]; Buffer.BlockCopy(v, 0, b, 0, b.Length); return b; }
}
