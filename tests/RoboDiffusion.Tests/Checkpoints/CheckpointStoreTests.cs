using RoboDiffusion.Checkpoints;

namespace RoboDiffusion.Tests.Checkpoints;

public sealed class CheckpointStoreTests
{
    [Fact]
    public void Latest_is_the_highest_step_and_temporary_directories_are_ignored()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        Assert.Null(store.Latest());
        foreach (var step in new long[] { 100, 20, 3000 })
            store.Save(step, d => File.WriteAllText(Path.Combine(d, "x.txt"), step.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(Path.Combine(dir.Path, ".step-00009999.tmp-abc"));   // a crashed write
        Assert.Equal(store.PathFor(3000), store.Latest());
        Assert.Equal([20L, 100L, 3000L], store.List().Select(c => c.Step));
    }

    [Fact]
    public void Saving_a_step_again_replaces_it_whole()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        store.Save(5, d => File.WriteAllText(Path.Combine(d, "old.txt"), "old"));
        store.Save(5, d => File.WriteAllText(Path.Combine(d, "new.txt"), "new"));
        Assert.Equal(["new.txt"], Directory.GetFiles(store.PathFor(5)).Select(Path.GetFileName));
        Assert.Single(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void A_failed_write_leaves_no_checkpoint()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        Assert.Throws<InvalidOperationException>(() => store.Save(7, _ => throw new InvalidOperationException("disk full")));
        Assert.Null(store.Latest());
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Prune_keeps_the_newest()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path);
        for (var s = 1; s <= 5; s++) store.Save(s, _ => { });
        store.Prune(2);
        Assert.Equal([4L, 5L], store.List().Select(c => c.Step));
    }
}
