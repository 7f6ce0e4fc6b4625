using RoboDiffusion.Data;
using RoboDiffusion.Data.Zarr;
using RoboDiffusion.Tests.Data.LeRobot;
using static RoboDiffusion.Tests.Data.Zarr.ZarrFixtures;

namespace RoboDiffusion.Tests.Data.Zarr;

public sealed class ZarrArrayTests
{
    private static float[] Ramp(int n) => [.. Enumerable.Range(0, n).Select(i => i * 0.37f - 11f)];

    [Fact]
    public void Raw_chunks_are_assembled_in_C_order_and_edge_chunks_cropped()
    {
        // 3-D array of 3x4x2 in chunks of 2x3x2: edge chunks in two axes hold padding that must be dropped.
        var root = TinyDatasets.TempFolder();
        var values = Ramp(24);
        WriteArray(root, "a", "<f4", [3, 4, 2], [2, 3, 2], Bytes(values), Codec.Raw);

        var array = ZarrArray.Read(Path.Combine(root, "a"));

        Assert.Equal([3L, 4L, 2L], array.Shape);
        Assert.Equal(values, array.ToFloats());
    }

    [Theory]
    [InlineData(Codec.BloscLz4, true, 1024)]     // byte shuffle, split streams, 4 blocks, the last one a leftover
    [InlineData(Codec.BloscLz4, false, 0)]       // one block, no shuffle
    [InlineData(Codec.BloscZstd, true, 0)]
    [InlineData(Codec.BloscZstd, false, 512)]
    [InlineData(Codec.BloscMemcpy, false, 0)]
    [InlineData(Codec.Zstd, false, 0)]
    public void Compressed_chunks_decode_to_the_original_floats(Codec codec, bool shuffle, int blocksize)
    {
        var root = TinyDatasets.TempFolder();
        var values = Ramp(2000);
        WriteArray(root, "a", "<f4", [1000, 2], [800, 2], Bytes(values), codec, shuffle, blocksize);

        Assert.Equal(values, ZarrArray.Read(Path.Combine(root, "a")).ToFloats());
    }

    [Fact]
    public void Incompressible_blosc_streams_stored_raw_are_copied()
    {
        var root = TinyDatasets.TempFolder();
        var raw = new byte[4096];
        new Random(3).NextBytes(raw);
        WriteArray(root, "a", "|u1", [4096], [4096], raw, Codec.BloscLz4, shuffle: false);

        Assert.Equal(raw, ZarrArray.Read(Path.Combine(root, "a")).Data);
    }

    [Fact]
    public void Missing_chunk_takes_the_fill_value_and_int64_reads_exactly()
    {
        var root = TinyDatasets.TempFolder();
        long[] values = [1L << 40, 2, 3, 4, 5];
        WriteArray(root, "a", "<i8", [5], [2], Bytes(values), Codec.Raw, skipLastChunk: true);

        Assert.Equal([1L << 40, 2, 3, 4, 0], ZarrArray.Read(Path.Combine(root, "a")).ToInt64s());
    }

    [Fact]
    public void Truncated_chunk_is_reported_with_its_file()
    {
        var root = TinyDatasets.TempFolder();
        WriteArray(root, "a", "<f4", [1000], [1000], Bytes(Ramp(1000)), Codec.BloscZstd, shuffle: true);
        var chunk = Path.Combine(root, "a", "0");
        File.WriteAllBytes(chunk, File.ReadAllBytes(chunk)[..40]);

        var ex = Assert.Throws<DatasetFormatException>(() => ZarrArray.Read(Path.Combine(root, "a")));

        Assert.Equal(chunk, ex.FilePath);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Raw_chunk_of_the_wrong_size_is_reported_with_its_file()
    {
        var root = TinyDatasets.TempFolder();
        WriteArray(root, "a", "<f4", [4], [4], Bytes(Ramp(4)), Codec.Raw);
        var chunk = Path.Combine(root, "a", "0");
        File.WriteAllBytes(chunk, new byte[7]);

        var ex = Assert.Throws<DatasetFormatException>(() => ZarrArray.Read(Path.Combine(root, "a")));

        Assert.Equal(chunk, ex.FilePath);
        Assert.Contains("expected 16", ex.Message);
    }

    [Theory]
    [InlineData("{\"zarr_format\": 2, \"shape\": [4", "malformed JSON")]
    [InlineData("{\"zarr_format\": 2, \"order\": \"C\", \"shape\": [4], \"chunks\": [4], \"dtype\": \">f4\", \"compressor\": null, \"fill_value\": 0}", "'>f4' is not supported")]
    [InlineData("{\"zarr_format\": 3, \"order\": \"C\"}", "only zarr v2")]
    [InlineData("{\"zarr_format\": 2, \"order\": \"F\", \"shape\": [4], \"chunks\": [4], \"dtype\": \"<f4\"}", "only C order")]
    public void Malformed_zarray_is_reported_with_its_file(string json, string problem)
    {
        var dir = Path.Combine(TinyDatasets.TempFolder(), "a");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ".zarray"), json);

        var ex = Assert.Throws<DatasetFormatException>(() => ZarrArray.Read(dir));

        Assert.Equal(Path.Combine(dir, ".zarray"), ex.FilePath);
        Assert.Contains(problem, ex.Message);
    }
}
