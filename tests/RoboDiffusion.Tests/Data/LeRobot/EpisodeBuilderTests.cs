using RoboDiffusion.Data;

namespace RoboDiffusion.Tests.Data.LeRobot;

public sealed class EpisodeBuilderTests
{
    private static EpisodeBuilder Builder() => new(PushTFeatures.Create(), PushTFeatures.Task);

    [Fact]
    public void Unknown_feature_name_lists_the_valid_names()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Builder().Append("observation.stat", [1f, 2f]));
        Assert.Contains("observation.state", ex.Message);
        Assert.Contains("next.success", ex.Message);
    }

    [Fact]
    public void Wrong_size_and_non_finite_values_are_rejected()
    {
        Assert.Contains("takes 2 values", Assert.Throws<ArgumentException>(() => Builder().Append(PushTFeatures.Action, [1f])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => Builder().Append(PushTFeatures.Action, [1f, float.NaN])).Message);
    }

    [Fact]
    public void Build_with_uneven_frames_names_the_counts()
    {
        var b = Builder().Append(PushTFeatures.Action, [1f, 2f]);
        var ex = Assert.Throws<InvalidOperationException>(b.Build);
        Assert.Contains("action=1", ex.Message);
        Assert.Contains("observation.state=0", ex.Message);
    }

    [Fact]
    public void Frame_table_concatenates_episodes_and_marks_their_ends()
    {
        var data = TinyDatasets.PushT([3, 2]);
        var table = data.ToFrameTable();

        Assert.Equal([3L, 5L], table.EpisodeEnds);
        Assert.Equal((3, 5), table.EpisodeRange(1));
        Assert.Equal(data.Episodes[1].Floats(PushTFeatures.State), table.Values(PushTFeatures.State)[6..10]);
        Assert.Equal([0f, 0f, 1f, 0f, 1f], table.Values(PushTFeatures.Done));
    }
}
