using RoboDiffusion.Checkpoints;
using RoboDiffusion.Data;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Data.Normalization;

public sealed class NormalizerSetTests
{
    public NormalizerSetTests() => TorchRuntime.Initialize();

    private static FrameTable Table()
    {
        FeatureSpec[] features = [FeatureSpec.Floats("action", 2), FeatureSpec.Floats("observation.state", 1)];
        var b = new EpisodeBuilder(features, "test");
        foreach (var t in new[] { 0f, 4f, 2f })
        {
            b.Append("action", new[] { t, 10 - 2 * t });
            b.Append("observation.state", new[] { 3f });
        }
        return new EpisodeDataset(10, features, [b.Build()]).ToFrameTable();
    }

    [Fact]
    public void Fit_on_a_frame_table_uses_each_feature_statistics()
    {
        var set = NormalizerSet.Fit(Table(), ["action", "observation.state"]);
        Assert.Equal([0.0, 2.0], set["action"].Min);
        Assert.Equal([4.0, 10.0], set["action"].Max);
        Assert.Equal([3.0], set["observation.state"].Min);
        var e = Assert.Throws<KeyNotFoundException>(() => set["actions"]);
        Assert.Contains("action, observation.state", e.Message);
    }

    [Fact]
    public void Save_and_load_round_trip_gives_the_same_normalization()
    {
        var set = NormalizerSet.Fit(Table(), ["action", "observation.state"]);
        var path = Path.Combine(Path.GetTempPath(), $"rd-normalizer-{Guid.NewGuid():N}.safetensors");
        try
        {
            set.Save(path);
            var loaded = NormalizerSet.Load(path);
            Assert.Equal(set.Names, loaded.Names);
            using var x = tensor(new double[] { 0, 10, 4, 2, 1.5, 7 }, [3, 2], ScalarType.Float64);
            using var a = set.Normalize("action", x);
            using var b = loaded.Normalize("action", x);
            Assert.Equal(new double[] { -1, 1, 1, -1, -0.25, 0.25 }, b.flatten().data<double>().ToArray());
            Assert.Equal(a.data<double>().ToArray(), b.data<double>().ToArray());
            using var file = Safetensors.Load(path);
            Assert.Equal(["action.max", "action.min", "observation.state.max", "observation.state.min"], file.Names.Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_or_nan_statistics_are_rejected()
    {
        using var min = tensor(new double[] { 0, double.NaN });
        using var max = tensor(new double[] { 1, 1 });
        var nan = Assert.Throws<ArgumentException>(() => NormalizerSet.FromTensors([new("action.min", min), new("action.max", max)]));
        Assert.Contains("'action'", nan.Message);
        var missing = Assert.Throws<ArgumentException>(() => NormalizerSet.FromTensors([new("action.min", min)]));
        Assert.Contains("action.max", missing.Message);
    }
}
