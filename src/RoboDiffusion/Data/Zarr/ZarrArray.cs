namespace RoboDiffusion.Data.Zarr;

/// <summary>
/// A zarr v2 array on disk (a folder with .zarray and one file per chunk, keys "i.j.k" or "i/j/k"), read whole into a
/// C-order buffer. Edge chunks are stored full-size and cropped; missing chunks take the fill value. Every problem
/// is a <see cref="DatasetFormatException"/> naming the file.
/// </summary>
public sealed class ZarrArray
{
    private ZarrArray(string path, ZarrArrayMetadata metadata, byte[] data)
    {
        Path = path;
        Metadata = metadata;
        Data = data;
    }

    /// <summary>The array folder.</summary>
    public string Path { get; }

    /// <summary>Its .zarray.</summary>
    public ZarrArrayMetadata Metadata { get; }

    /// <summary>Shape of the array.</summary>
    public IReadOnlyList<long> Shape => Metadata.Shape;

    /// <summary>All elements, raw little-endian bytes in C order.</summary>
    public byte[] Data { get; }

    /// <summary>Element i (flat C-order index) as a double.</summary>
    public double this[long i] => Metadata.DType.Read(Data, i);

    /// <summary>All elements as float32 (exact for '&lt;f4' and bytes; rounded for '&lt;f8' and large integers).</summary>
    public float[] ToFloats()
    {
        var n = Metadata.ElementCount;
        if (Metadata.DType.Text[1..] == "f4") { var f = new float[n]; Buffer.BlockCopy(Data, 0, f, 0, Data.Length); return f; }
        var result = new float[n];
        for (long i = 0; i < n; i++) result[i] = (float)this[i];
        return result;
    }

    /// <summary>All elements as int64 (integers only).</summary>
    public long[] ToInt64s()
    {
        if (Metadata.DType.Kind == 'f') throw new DatasetFormatException(Path, $"dtype {Metadata.DType.Text} is not an integer type.");
        var result = new long[Metadata.ElementCount];
        for (long i = 0; i < result.Length; i++) result[i] = (long)this[i];
        return result;
    }

    /// <summary>Opens and reads the whole array at <paramref name="path"/>.</summary>
    public static ZarrArray Read(string path)
    {
        var meta = ZarrArrayMetadata.Load(System.IO.Path.Combine(path, ".zarray"));
        var item = meta.DType.ItemSize;
        var data = new byte[checked(meta.ElementCount * item)];
        var grid = meta.Shape.Select((s, d) => (int)((s + meta.Chunks[d] - 1) / meta.Chunks[d])).ToArray();
        foreach (var chunkIndex in GridIndices(grid))
        {
            var file = System.IO.Path.Combine(path, string.Join(meta.Separator, chunkIndex));
            var chunk = File.Exists(file) ? LoadChunk(file, meta) : FillChunk(meta);
            CopyChunk(chunk, chunkIndex, meta, data);
        }
        return new ZarrArray(path, meta, data);
    }

    private static byte[] LoadChunk(string file, ZarrArrayMetadata meta)
    {
        try { return ZarrChunkCodec.Decode(meta.Compressor, File.ReadAllBytes(file), meta.ChunkBytes); }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or InvalidOperationException
                                   or ArgumentException or ZstdSharp.ZstdException)
        {
            throw new DatasetFormatException(file, $"cannot decode chunk: {e.Message}", e);
        }
    }

    private static byte[] FillChunk(ZarrArrayMetadata meta)
    {
        var pattern = meta.DType.Encode(meta.FillValue);
        var chunk = new byte[meta.ChunkBytes];
        for (var i = 0; i < chunk.Length; i += pattern.Length) pattern.CopyTo(chunk, i);
        return chunk;
    }

    /// <summary>Copies the part of a full-size chunk that lies inside the array, one contiguous last-axis run at a time.</summary>
    private static void CopyChunk(byte[] chunk, int[] chunkIndex, ZarrArrayMetadata meta, byte[] data)
    {
        var rank = meta.Shape.Count;
        var item = meta.DType.ItemSize;
        if (rank == 0) { chunk.AsSpan(0, item).CopyTo(data); return; }
        var origin = chunkIndex.Select((c, d) => (long)c * meta.Chunks[d]).ToArray();
        var extent = origin.Select((o, d) => (int)Math.Min(meta.Chunks[d], meta.Shape[d] - o)).ToArray();
        var run = extent[^1] * item;
        foreach (var local in GridIndices(extent[..^1]))
        {
            long src = 0, dst = 0;
            for (var d = 0; d < rank - 1; d++)
            {
                src = src * meta.Chunks[d] + local[d];
                dst = dst * meta.Shape[d] + origin[d] + local[d];
            }
            src = src * meta.Chunks[^1] * item;
            dst = (dst * meta.Shape[^1] + origin[^1]) * item;
            Buffer.BlockCopy(chunk, (int)src, data, (int)dst, run);
        }
    }

    /// <summary>Every index tuple of a grid in C order (one empty tuple for a 0-d grid).</summary>
    private static IEnumerable<int[]> GridIndices(int[] extent)
    {
        if (extent.Any(e => e == 0)) yield break;
        var index = new int[extent.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            var d = extent.Length - 1;
            while (d >= 0 && ++index[d] == extent[d]) index[d--] = 0;
            if (d < 0) yield break;
        }
    }
}
