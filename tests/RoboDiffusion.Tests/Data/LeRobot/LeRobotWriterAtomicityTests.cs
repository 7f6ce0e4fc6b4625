using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;

namespace RoboDiffusion.Tests.Data.LeRobot;

public sealed class LeRobotWriterAtomicityTests
{
    private sealed class ThrowAfter(int episodes) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value >= episodes) throw new InvalidOperationException("interrupted");
        }
    }

    [Fact]
    public void Writer_that_throws_midway_leaves_no_folder_behind()
    {
        var parent = TinyDatasets.TempFolder();
        var root = Path.Combine(parent, "pusht");

        var ex = Assert.Throws<InvalidOperationException>(() =>
            LeRobotWriter.Write(TinyDatasets.PushT([2, 2, 2]), root, progress: new ThrowAfter(2)));

        Assert.Equal("interrupted", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));   // neither the dataset nor its temporary sibling
    }

    [Fact]
    public void Failed_overwrite_keeps_the_previous_dataset_intact()
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        var first = TinyDatasets.PushT([2, 3], seed: 1);
        LeRobotWriter.Write(first, root);

        Assert.Throws<InvalidOperationException>(() => LeRobotWriter.Write(TinyDatasets.PushT([4, 4], seed: 2), root,
            new LeRobotWriteOptions { Overwrite = true }, new ThrowAfter(1)));

        LeRobotRoundTripTests.AssertSameDataset(first, LeRobotReader.Read(root).Data);
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(root)!));
    }

    [Fact]
    public void Existing_folder_without_overwrite_is_an_error_naming_it()
    {
        var root = Path.Combine(TinyDatasets.TempFolder(), "pusht");
        Directory.CreateDirectory(root);

        var ex = Assert.Throws<IOException>(() => LeRobotWriter.Write(TinyDatasets.PushT([2]), root));

        Assert.Contains(root, ex.Message);
    }

    [Fact]
    public void Episode_too_long_for_float32_time_stamps_is_refused_before_anything_is_written()
    {
        // At 100 fps, float32(204,811 / 100) = 2048.110107…, 1.07e-4 from 2048.11: past LeRobot's 1e-4 s tolerance (the reader's check).
        List<FeatureSpec> features = [FeatureSpec.Floats("x", 1)];
        var b = new EpisodeBuilder(features, "t");
        for (var i = 0; i < 204_812; i++) b.Append("x", [0f]);
        var parent = TinyDatasets.TempFolder();
        var ex = Assert.Throws<ArgumentException>(() =>
            LeRobotWriter.Write(new EpisodeDataset(100, features, [b.Build()]), Path.Combine(parent, "long")));
        Assert.Contains("from frame 204811 on", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }
}
