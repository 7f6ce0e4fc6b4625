using System.Runtime;
using RoboDiffusion.Nn;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

/// <summary>
/// The no-GC region is process-wide: another test's allocations in parallel spend its budget and end it between two
/// assertions here, so these tests run alone.
/// </summary>
[Collection(NoGcRegionCollection.Name)]
public sealed class NoGcRegionTests
{
    /// <summary>
    /// The failure this guards against: a + b hands libtorch a fresh Scalar α = 1 that nothing keeps alive; another
    /// thread that allocates makes collections happen during the native call (without the region this loop fails
    /// within a second on this machine: "toFloat" from libtorch). Inside regions every sum must be exact.
    /// </summary>
    [Fact]
    public void TensorArithmeticStaysCorrectWhileAnotherThreadAllocates()
    {
        using var a = ones(4);
        using var b = full(4, 2f);
        var stop = false;
        var allocator = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.KeepAlive(new byte[1000]);
                Thread.Sleep(1);
            }
        });
        allocator.Start();
        var wrong = 0;
        try
        {
            for (var block = 0; block < 200; block++)
            {
                using var region = NoGcRegion.Enter();
                for (var i = 0; i < 1000; i++)
                {
                    using var sum = a + b;
                    using var scaled = sum * 0.5;
                    if (i % 50 == 0 && scaled[0].item<float>() != 1.5f) wrong++;
                    if (i % 100 == 0) region.Renew();
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            allocator.Join();
        }
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void StretchesOneAfterAnotherShareARegionUntilHalfItsBudgetIsSpent()
    {
        using (NoGcRegion.Enter()) Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);   // left open for the next stretch
        var collections = GC.CollectionCount(0);
        using (NoGcRegion.Enter()) { }
        if (!NoGcRegion.IsHalfSpent) Assert.Equal(collections, GC.CollectionCount(0));   // the same region: no new collection
        using var region = NoGcRegion.Enter();
        // Spend just past half: the region's earlier use is unknown (the runner allocates too), so a fixed 5/8 could
        // overrun the budget and end the region (seen once under load).
        for (var i = 0; i < 64 && !NoGcRegion.IsHalfSpent; i++) Garbage(NoGcRegion.BudgetBytes / 64);
        Assert.True(NoGcRegion.IsHalfSpent);
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);   // not yet run out
        collections = GC.CollectionCount(0);
        region.Renew();
        Assert.True(GC.CollectionCount(0) > collections);                 // a fresh region, after a collection
        Assert.False(NoGcRegion.IsHalfSpent);
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    /// <summary>
    /// dotnet/runtime#97600: regions ended with GC.EndNoGCRegion leave memory committed, so a loop of stretches that each
    /// entered and ended a region grew without bound (≈ 1 MB per training step). The committed heap of this busy test
    /// process also moves by itself between two collections: a CI run saw 63 MB (2 budgets) over 400 stretches without
    /// the leak. So the test runs 800 stretches, over which the leaky pattern grew by 680-1,380 MB here, and allows 4
    /// budgets (128 MB).
    /// </summary>
    [Fact]
    public void ManyStretchesKeepTheCommittedHeapFlat()
    {
        for (var i = 0; i < 20; i++) Stretch();
        var before = CommittedAfterFullCollection();
        for (var i = 0; i < 800; i++) Stretch();
        var grown = CommittedAfterFullCollection() - before;
        Assert.True(grown < 4 * NoGcRegion.BudgetBytes, $"the committed heap grew by {grown >> 20} MB over 800 stretches");

        static void Stretch()
        {
            using var region = NoGcRegion.Enter();
            Garbage(1 << 20);
            region.Renew();
            Garbage(1 << 20);
        }
    }

    /// <summary>Committed bytes once earlier tests' finalizable garbage is gone too.</summary>
    private static long CommittedAfterFullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetGCMemoryInfo().TotalCommittedBytes;
    }

    private static void Garbage(long bytes)
    {
        for (long total = 0; total < bytes; total += 16 << 10) GC.KeepAlive(new byte[16 << 10]);
    }

    [Fact]
    public void RenewStartsANewRegionAfterTheBudgetRanOut()
    {
        using var region = NoGcRegion.Enter();
        var junk = new List<byte[]>();
        for (long total = 0; total <= 2 * NoGcRegion.BudgetBytes; total += 1 << 20) junk.Add(new byte[1 << 20]);
        GC.KeepAlive(junk);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);   // the runtime collected and left it
        region.Renew();
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}

/// <summary>Tests that watch the process-wide no-GC region run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NoGcRegionCollection
{
    public const string Name = "NoGcRegion";
}
