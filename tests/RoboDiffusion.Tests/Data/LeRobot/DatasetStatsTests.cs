using System.Text.Json;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;

namespace RoboDiffusion.Tests.Data.LeRobot;

public sealed class DatasetStatsTests
{
    private static EpisodeDataset OneFeature(float[] values, byte[]? image = null)
    {
        List<FeatureSpec> features = [FeatureSpec.Floats("x", 1)];
        if (image is not null) features.Add(FeatureSpec.Rgb("img", 1, 2));
        var b = new EpisodeBuilder(features, "t");
        foreach (var v in values)
        {
            b.Append("x", [v]);
            if (image is not null) b.AppendImage("img", image);
        }
        return new EpisodeDataset(10, features, [b.Build()]);
    }

    [Fact]
    public void Stats_json_of_one_to_four_matches_hand_computed_values()
    {
        // x = 1, 2, 3, 4: mean 2.5; population std sqrt(((1.5²+0.5²)·2)/4) = sqrt(1.25);
        // NumPy linear quantiles: h = 3q, so q01 = 1.03, q10 = 1.3, q50 = 2.5, q90 = 3.7, q99 = 3.97.
        var root = Path.Combine(TinyDatasets.TempFolder(), "ds");
        LeRobotWriter.Write(OneFeature([1, 2, 3, 4]), root);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "meta/stats.json")));
        var x = doc.RootElement.GetProperty("x");
        double One(string key) => Assert.Single(x.GetProperty(key).EnumerateArray()).GetDouble();
        Assert.Equal(1.0, One("min"));
        Assert.Equal(4.0, One("max"));
        Assert.Equal(2.5, One("mean"), 12);
        Assert.Equal(Math.Sqrt(1.25), One("std"), 12);
        Assert.Equal(4.0, One("count"));
        Assert.Equal(1.03, One("q01"), 12);
        Assert.Equal(1.3, One("q10"), 12);
        Assert.Equal(2.5, One("q50"), 12);
        Assert.Equal(3.7, One("q90"), 12);
        Assert.Equal(3.97, One("q99"), 12);

        // Default features get stats too: frame_index 0..3 has mean 1.5; timestamp = frame_index / 10.
        var frame = doc.RootElement.GetProperty("frame_index");
        Assert.Equal(1.5, Assert.Single(frame.GetProperty("mean").EnumerateArray()).GetDouble(), 12);
        var time = doc.RootElement.GetProperty("timestamp");
        Assert.Equal(0.3, Assert.Single(time.GetProperty("max").EnumerateArray()).GetDouble(), 6);
    }

    [Fact]
    public void Image_stats_are_per_channel_on_unit_scale_with_shape_3_1_1()
    {
        // Every frame holds one black and one white pixel: per channel min 0, max 1, mean 0.5, std 0.5, median 0.5.
        var root = Path.Combine(TinyDatasets.TempFolder(), "ds");
        LeRobotWriter.Write(OneFeature([1, 2], image: [0, 0, 0, 255, 255, 255]), root);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "meta/stats.json")));
        var img = doc.RootElement.GetProperty("img");
        double[] Channels(string key) => [.. img.GetProperty(key).EnumerateArray()
            .Select(c => Assert.Single(Assert.Single(c.EnumerateArray()).EnumerateArray()).GetDouble())];
        Assert.Equal([0.0, 0.0, 0.0], Channels("min"));
        Assert.Equal([1.0, 1.0, 1.0], Channels("max"));
        Assert.All(Channels("mean"), m => Assert.Equal(0.5, m, 12));
        Assert.All(Channels("std"), s => Assert.Equal(0.5, s, 12));
        Assert.All(Channels("q50"), q => Assert.Equal(0.5, q, 12));
        Assert.Equal(2.0, Assert.Single(img.GetProperty("count").EnumerateArray()).GetDouble());
    }

    [Fact]
    public void Reader_returns_the_stats_it_wrote()
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "ds");
        LeRobotWriter.Write(OneFeature([2, 4]), root);

        var stats = LeRobotReader.Read(root).Stats!;
        Assert.Equal([3.0], stats["x"].Mean);
        Assert.Equal([1.0], stats["x"].Std);
        Assert.Equal(2, stats["x"].Count);
    }
}
