using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Data.Zarr;
using RoboDiffusion.Tests.Data.LeRobot;
using static RoboDiffusion.Tests.Data.Zarr.ZarrFixtures;

namespace RoboDiffusion.Tests.Data.Zarr;

public sealed class PushTZarrImporterTests
{
    private const int N = 7;
    private static readonly long[] Ends = [3, 7];

    // state[t] = (ax, ay, bx, by, angle); the fake coverage below is the 5th value, so frames 4 and 6 are "successes".
    private static readonly float[] State = [.. Enumerable.Range(0, N).SelectMany(t => new[] { 10f + t, 20f + t, 100.5f + t, 200.25f - t, t switch { 4 => 0.97f, 6 => 0.99f, _ => 0.1f * t } })];
    private static readonly double[] Keypoints = [.. Enumerable.Range(0, N * 18).Select(i => i * 1.25 + 0.5)];
    private static readonly float[] Action = [.. Enumerable.Range(0, N * 2).Select(i => 300f - i)];

    private static string WritePushTZarr(bool images)
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht.zarr");
        WriteArray(root, "data/state", "<f4", [N, 5], [4, 5], Bytes(State), Codec.BloscLz4, shuffle: true);
        WriteArray(root, "data/keypoint", "<f8", [N, 9, 2], [N, 9, 2], Bytes(Keypoints), Codec.Zstd);
        WriteArray(root, "data/action", "<f4", [N, 2], [5, 2], Bytes(Action), Codec.Raw);
        WriteArray(root, "meta/episode_ends", "<i8", [2], [2], Bytes(Ends), Codec.Raw);
        if (images)
            WriteArray(root, "data/img", "|u1", [N, 4, 4, 3], [2, 4, 4, 3], [.. Enumerable.Range(0, N * 48).Select(i => (byte)(i * 7))], Codec.BloscZstd);
        return root;
    }

    [Fact]
    public void Import_splits_episodes_and_maps_state_keypoints_and_actions()
    {
        var data = PushTZarrImporter.Import(WritePushTZarr(images: true), coverage: s => s[4]);

        Assert.Equal([3, 4], data.Episodes.Select(e => e.Length));
        var second = data.Episodes[1];                                      // frames 3..6
        Assert.Equal([13f, 23f, 14f, 24f, 15f, 25f, 16f, 26f], second.Floats(PushTFeatures.State));
        Assert.Equal(State[(3 * 5 + 2)..(3 * 5 + 5)], second.Floats(PushTFeatures.EnvironmentState)[..3]);
        Assert.Equal(Keypoints[(3 * 18)..(7 * 18)].Select(v => (float)v), second.Floats(PushTFeatures.Keypoints));
        Assert.Equal(Action[6..14], second.Floats(PushTFeatures.Action));
        Assert.Equal(Enumerable.Range(3 * 48, 4 * 48).Select(i => (byte)(i * 7)), second.Pixels(PushTFeatures.Image));

        // next.* of frame t come from the state at t+1 (coverages 0.97, 0.5, 0.99), the last frame repeats its own (0.99);
        // reward = clip(coverage / 0.95, 0, 1), success = coverage > 0.95.
        Assert.Equal([1f, 0.5f / 0.95f, 1f, 1f], second.Floats(PushTFeatures.Reward), new FloatTolerance(1e-6f));
        Assert.Equal([true, false, true, true], second.Bools(PushTFeatures.Success));
        Assert.Equal([false, false, false, true], second.Bools(PushTFeatures.Done));
    }

    [Fact]
    public void Imported_dataset_survives_a_LeRobot_round_trip()
    {
        var data = PushTZarrImporter.Import(WritePushTZarr(images: true), coverage: s => s[4]);
        var out_ = Path.Combine(TinyDatasets.TempFolder(), "lerobot");
        LeRobotWriter.Write(data, out_);

        LeRobotRoundTripTests.AssertSameDataset(data, LeRobotReader.Read(out_).Data);
    }

    [Fact]
    public void Without_coverage_or_images_rewards_are_zero_and_no_image_feature_exists()
    {
        var data = PushTZarrImporter.Import(WritePushTZarr(images: false));

        Assert.DoesNotContain(data.Features, f => f.Name == PushTFeatures.Image);
        Assert.All(data.Episodes.SelectMany(e => e.Floats(PushTFeatures.Reward)), r => Assert.Equal(0f, r));
    }

    [Fact]
    public void Episode_ends_that_do_not_cover_the_frames_are_reported_with_the_array()
    {
        var root = WritePushTZarr(images: false);
        Directory.Delete(Path.Combine(root, "meta/episode_ends"), recursive: true);
        WriteArray(root, "meta/episode_ends", "<i8", [2], [2], Bytes([3L, 6L]), Codec.Raw);

        var ex = Assert.Throws<DatasetFormatException>(() => PushTZarrImporter.Import(root));

        Assert.Equal(Path.Combine(root, "meta", "episode_ends"), ex.FilePath);
        Assert.Contains("7 frames", ex.Message);
    }

    [Fact]
    public void Missing_array_is_named()
    {
        var root = WritePushTZarr(images: false);
        Directory.Delete(Path.Combine(root, "data/action"), recursive: true);

        var ex = Assert.Throws<DatasetFormatException>(() => PushTZarrImporter.Import(root));

        Assert.Contains("data/action", ex.Message);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
