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
}
