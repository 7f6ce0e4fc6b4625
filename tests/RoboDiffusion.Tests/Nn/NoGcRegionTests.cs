using System.Runtime;
using RoboDiffusion.Nn;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

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
    public void NestedRegionsShareOneAndTheLastLeavesIt()
    {
        var before = GCSettings.LatencyMode;
        Assert.NotEqual(GCLatencyMode.NoGCRegion, before);
        using (NoGcRegion.Enter())
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            using (NoGcRegion.Enter()) Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);   // the inner one did not end it
        }
        Assert.Equal(before, GCSettings.LatencyMode);
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
