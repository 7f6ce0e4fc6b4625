using System.Text.Json;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;

namespace RoboDiffusion.Tests.Data.LeRobot;

public sealed class LeRobotRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_then_read_returns_bit_identical_episodes(bool images)
    {
        var data = TinyDatasets.PushT([3, 2, 4], images);
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(data, root);

        var back = LeRobotReader.Read(root).Data;

        AssertSameDataset(data, back);
    }

    [Fact]
    public void Reading_only_some_features_skips_the_images_and_names_unknown_ones()
    {
        var data = TinyDatasets.PushT([3, 2], images: true);
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(data, root);

        var back = LeRobotReader.Read(root, ["observation.state", "action"]).Data;

        Assert.Equal(["observation.state", "action"], back.Features.Select(f => f.Name));
        Assert.Equal(["action", "observation.state"], back.Episodes[1].FeatureNames.Order());
        Assert.Equal(data.Episodes[1].Floats("action"), back.Episodes[1].Floats("action"));
        var e = Assert.Throws<DatasetFormatException>(() => LeRobotReader.Read(root, ["observation.state", "observation.velocity"]));
        Assert.Contains("'observation.velocity'", e.Message);
        Assert.Contains("observation.image", e.Message);   // lists what the dataset has
    }

    [Fact]
    public void Tiny_file_limit_spreads_episodes_over_files_and_chunks_and_reads_back()
    {
        var data = TinyDatasets.PushT([2, 3, 1]);
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(data, root, new LeRobotWriteOptions { ChunksSize = 2, DataFileBytesLimit = 1 });

        // One file per episode; two files per chunk folder (update_chunk_file_indices).
        Assert.True(File.Exists(Path.Combine(root, "data/chunk-000/file-000.parquet")));
        Assert.True(File.Exists(Path.Combine(root, "data/chunk-000/file-001.parquet")));
        Assert.True(File.Exists(Path.Combine(root, "data/chunk-001/file-000.parquet")));
        AssertSameDataset(data, LeRobotReader.Read(root).Data);
    }

    [Fact]
    public void Info_json_has_the_v3_keys_and_values_LeRobot_lists()
    {
        var data = TinyDatasets.PushT([3, 2], images: true);
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(data, root);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "meta/info.json")));
        var info = doc.RootElement;
        string[] keys = ["codebase_version", "robot_type", "total_episodes", "total_frames", "total_tasks", "chunks_size",
            "data_files_size_in_mb", "video_files_size_in_mb", "fps", "splits", "data_path", "video_path", "features"];
        Assert.Equal(keys, info.EnumerateObject().Select(p => p.Name));
        Assert.Equal("v3.0", info.GetProperty("codebase_version").GetString());
        Assert.Equal(10, info.GetProperty("fps").GetInt32());
        Assert.Equal(2, info.GetProperty("total_episodes").GetInt32());
        Assert.Equal(5, info.GetProperty("total_frames").GetInt32());
        Assert.Equal(1, info.GetProperty("total_tasks").GetInt32());
        Assert.Equal(1000, info.GetProperty("chunks_size").GetInt32());
        Assert.Equal(100, info.GetProperty("data_files_size_in_mb").GetInt32());
        Assert.Equal("0:2", info.GetProperty("splits").GetProperty("train").GetString());
        Assert.Equal("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet", info.GetProperty("data_path").GetString());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("video_path").ValueKind);

        var features = info.GetProperty("features");
        void Feature(string name, string dtype, int[] shape)
        {
            var f = features.GetProperty(name);
            Assert.Equal(dtype, f.GetProperty("dtype").GetString());
            Assert.Equal(shape, f.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.True(f.TryGetProperty("names", out _));
        }
        Feature("observation.state", "float32", [2]);
        Feature("observation.environment_state", "float32", [3]);
        Feature("observation.keypoints", "float32", [18]);
        Feature("observation.image", "image", [4, 4, 3]);
        Feature("action", "float32", [2]);
        Feature("next.reward", "float32", [1]);
        Feature("next.done", "bool", [1]);
        Feature("next.success", "bool", [1]);
        Feature("timestamp", "float32", [1]);
        foreach (var name in new[] { "frame_index", "episode_index", "index", "task_index" }) Feature(name, "int64", [1]);
    }

    [Fact]
    public void Layout_has_the_v3_files_and_episode_table_ranges()
    {
        var data = TinyDatasets.PushT([3, 2]);
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(data, root);

        string[] expected = ["data/chunk-000/file-000.parquet", "meta/episodes/chunk-000/file-000.parquet", "meta/info.json",
            "meta/stats.json", "meta/tasks.parquet"];
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
        var loaded = LeRobotReader.Read(root);
        Assert.Equal([PushTFeatures.Task], loaded.Data.Tasks);
        Assert.Equal("2d pointer", loaded.Info.RobotType);
    }

    internal static void AssertSameDataset(EpisodeDataset expected, EpisodeDataset actual)
    {
        Assert.Equal(expected.Fps, actual.Fps);
        Assert.Equal(expected.RobotType, actual.RobotType);
        Assert.Equal(expected.Features.Select(f => (f.Name, f.DType, string.Join(",", f.Shape))),
            actual.Features.Select(f => (f.Name, f.DType, string.Join(",", f.Shape))));
        Assert.Equal(expected.Episodes.Count, actual.Episodes.Count);
        for (var e = 0; e < expected.Episodes.Count; e++)
        {
            var (a, b) = (expected.Episodes[e], actual.Episodes[e]);
            Assert.Equal(a.Task, b.Task);
            Assert.Equal(a.Length, b.Length);
            foreach (var f in expected.Features)
            {
                switch (a.Column(f.Name))
                {
                    case float[] x: // bit-exact: compare the IEEE bit patterns
                        Assert.Equal(x.Select(BitConverter.SingleToInt32Bits), b.Floats(f.Name).Select(BitConverter.SingleToInt32Bits));
                        break;
                    case bool[] x: Assert.Equal(x, b.Bools(f.Name)); break;
                    case long[] x: Assert.Equal(x, b.Int64s(f.Name)); break;
                    case byte[] x: Assert.Equal(x, b.Pixels(f.Name)); break;
                }
            }
        }
    }
}
