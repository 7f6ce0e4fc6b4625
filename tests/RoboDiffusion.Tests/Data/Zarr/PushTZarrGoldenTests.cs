using System.Runtime.CompilerServices;
using RoboDiffusion.Data;
using RoboDiffusion.Data.Zarr;

namespace RoboDiffusion.Tests.Data.Zarr;

/// <summary>
/// Reads Golden/pusht_golden.zarr, written by the reference zarr 2.13 / numcodecs 0.11 (c-blosc, libzstd) with
/// Golden/make_golden_zarr.py. Expected values are the script's closed forms; float32 data must match bit for bit.
/// </summary>
public sealed class PushTZarrGoldenTests
{
    private static string Golden([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Golden", "pusht_golden.zarr");

    private static string Array(string name) => Path.Combine(Golden(), name);

    [Fact]
    public void Blosc_lz4_with_shuffle_over_several_blocks_matches_the_reference_writer()
    {
        var ramp = ZarrArray.Read(Array("extra/ramp")).ToFloats();                       // one block, 4 split streams
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (float)(i * 0.5 - 700)), ramp);
        var longer = ZarrArray.Read(Array("extra/long")).ToFloats();                     // 2 blocks, leftover second
        Assert.Equal(Enumerable.Range(0, 200000).Select(i => (float)(i % 1000 * 0.125)), longer);
    }

    [Fact]
    public void Golden_push_t_zarr_imports_with_the_closed_form_values()
    {
        var data = PushTZarrImporter.Import(Golden());

        Assert.Equal([3, 4], data.Episodes.Select(e => e.Length));
        var table = data.ToFrameTable();
        for (var t = 0; t < 7; t++)
        {
            Assert.Equal([10f * t + 0.25f, 10f * t + 1.25f], table.Values(PushTFeatures.State)[(2 * t)..(2 * t + 2)]);
            Assert.Equal([10f * t + 2.25f, 10f * t + 3.25f, 10f * t + 4.25f], table.Values(PushTFeatures.EnvironmentState)[(3 * t)..(3 * t + 3)]);
            Assert.Equal([500f - 3 * t, 500f - 3 * t - 0.25f], table.Values(PushTFeatures.Action)[(2 * t)..(2 * t + 2)]);
            for (var k = 0; k < 9; k++)
                for (var c = 0; c < 2; c++)
                    Assert.Equal((float)(t + k / 8.0 + c / 2.0), table.Values(PushTFeatures.Keypoints)[t * 18 + k * 2 + c]);
        }
        Assert.Equal(Enumerable.Range(0, 7 * 48).Select(i => (byte)(i * 5 % 256)), table.Pixels(PushTFeatures.Image));
    }

    [Fact]
    public void Blosclz_chunk_is_refused_with_a_clear_error_naming_the_chunk()
    {
        var ex = Assert.Throws<DatasetFormatException>(() => ZarrArray.Read(Array("extra/blosclz")));

        Assert.Equal(Path.Combine(Array("extra/blosclz"), "0"), ex.FilePath);
        Assert.Contains("blosclz", ex.Message);
    }
}
