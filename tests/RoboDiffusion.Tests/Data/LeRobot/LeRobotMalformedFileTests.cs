using System.Text.Json.Nodes;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;

namespace RoboDiffusion.Tests.Data.LeRobot;

public sealed class LeRobotMalformedFileTests
{
    private const string Info = "meta/info.json", Data = "data/chunk-000/file-000.parquet";

    [Theory]
    [InlineData("info_missing", Info, "not found")]
    [InlineData("info_truncated", Info, "malformed JSON")]
    [InlineData("info_unknown_version", Info, "unknown codebase_version 'v9.9'")]
    [InlineData("info_v21", Info, "convert_dataset_v21_to_v30")]
    [InlineData("info_video_feature", Info, "video")]
    [InlineData("info_without_fps", Info, "missing key 'fps'")]
    [InlineData("info_wrong_total_frames", "meta/episodes", "total_frames = 99")]
    [InlineData("info_wrong_shape", Data, "expected 3")]
    [InlineData("data_truncated", Data, "truncated")]
    [InlineData("data_garbage", Data, "parquet")]
    [InlineData("data_missing", "data", "no data files")]
    [InlineData("tasks_missing", "meta/tasks.parquet", "not found")]
    [InlineData("episodes_truncated", "meta/episodes/chunk-000/file-000.parquet", "truncated")]
    [InlineData("stats_malformed", "meta/stats.json", "malformed")]
    public void Broken_file_gives_an_error_naming_the_file_and_the_problem(string corruption, string file, string problem)
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        LeRobotWriter.Write(TinyDatasets.PushT([3, 2]), root);
        Corrupt(root, corruption);

        var ex = Assert.Throws<DatasetFormatException>(() => LeRobotReader.Read(root));

        Assert.Equal(Path.GetFullPath(Path.Combine(root, file)), ex.FilePath);
        Assert.StartsWith(ex.FilePath, ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void Missing_dataset_folder_is_named()
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "nothing-here");
        var ex = Assert.Throws<DatasetFormatException>(() => LeRobotReader.Read(root));
        Assert.Equal(root, ex.FilePath);
    }

    private static void Corrupt(string root, string corruption)
    {
        string P(string relative) => Path.Combine(root, relative);
        void EditInfo(Action<JsonObject> edit)
        {
            var info = JsonNode.Parse(File.ReadAllText(P(Info)))!.AsObject();
            edit(info);
            File.WriteAllText(P(Info), info.ToJsonString());
        }
        void Truncate(string relative)
        {
            var bytes = File.ReadAllBytes(P(relative));
            File.WriteAllBytes(P(relative), bytes[..(bytes.Length / 2)]);
        }
        switch (corruption)
        {
            case "info_missing": File.Delete(P(Info)); break;
            case "info_truncated": Truncate(Info); break;
            case "info_unknown_version": EditInfo(i => i["codebase_version"] = "v9.9"); break;
            case "info_v21": EditInfo(i => i["codebase_version"] = "v2.1"); break;
            case "info_video_feature": EditInfo(i => i["features"]!["observation.state"]!["dtype"] = "video"); break;
            case "info_without_fps": EditInfo(i => i.Remove("fps")); break;
            case "info_wrong_total_frames": EditInfo(i => i["total_frames"] = 99); break;
            case "info_wrong_shape": EditInfo(i => i["features"]!["observation.state"]!["shape"] = new JsonArray(3)); break;
            case "data_truncated": Truncate(Data); break;
            case "data_garbage": File.WriteAllText(P(Data), "this is not parquet"); break;
            case "data_missing": File.Delete(P(Data)); break;
            case "tasks_missing": File.Delete(P("meta/tasks.parquet")); break;
            case "episodes_truncated": Truncate("meta/episodes/chunk-000/file-000.parquet"); break;
            case "stats_malformed": File.WriteAllText(P("meta/stats.json"), "{\"x\": {\"min\": [1,"); break;
            default: throw new ArgumentException(corruption);
        }
    }
}
