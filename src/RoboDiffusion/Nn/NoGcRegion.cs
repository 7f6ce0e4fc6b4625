using System.Runtime;

namespace RoboDiffusion.Nn;

/// <summary>
/// Keeps garbage collections out of a stretch of TorchSharp work. TorchSharp 0.107 turns every implicit number (the α
/// that <c>a + b</c> passes to libtorch's add, <c>x * 2.0</c>, clamp bounds) into a finalizable <c>Scalar</c> and hands
/// libtorch only its handle, so nothing keeps the managed Scalar reachable during the native call. A collection
/// triggered meanwhile by another thread's allocation (a progress display, the runtime's own threads) finalizes it and
/// frees the native scalar while libtorch reads it: a crash ("toFloat", "Unknown scalar type") or a wrong number, in our
/// trainings about once an hour. Nothing is collected inside a no-GC region, so no Scalar in use can be freed.
/// <para>
/// One region serves every <see cref="Enter"/> (nested, concurrent or one after another) until
/// <see cref="BudgetBytes"/> have been allocated in it. Work of many steps calls <see cref="Region.Renew"/> between
/// steps; it, and every <see cref="Enter"/>, starts a new region once half the budget is spent or the runtime left the
/// region (a stretch outgrew it), so the budget does not run out inside a step. Starting one runs a full collection
/// (≈ 0.5 ms on a small heap), once per ≈ 16 MB of allocation instead of once per step.
/// </para>
/// <para>
/// A region is never ended with <see cref="GC.EndNoGCRegion"/>: .NET's regions GC keeps memory committed for regions
/// ended that way (dotnet/runtime#97600): our bf16 Maze2D training, which entered and ended a region per step, grew by
/// ≈ 1 MB of resident memory per step (9 GB after 10,000 steps). A region the runtime leaves itself, when its budget
/// runs out, keeps memory flat. So <see cref="Region.Dispose"/> leaves the region open (collections wait until the
/// budget runs out), and a half-spent region is ended by allocating the rest of its budget.
/// </para>
/// <para>
/// So after a stretch of work the process can still be in our region, for up to <see cref="BudgetBytes"/> of further
/// allocation: a caller's own <see cref="GC.TryStartNoGCRegion(long)"/> then throws InvalidOperationException (regions
/// do not nest).
/// </para>
/// </summary>
public static class NoGcRegion
{
    /// <summary>Managed bytes the process may allocate inside a region before the runtime collects anyway.</summary>
    public const long BudgetBytes = 32L << 20;

    private const int ChunkBytes = 64 << 10;   // below the large-object threshold: the small-object budget is the one that runs out

    private static readonly Lock Gate = new();
    private static bool owned;              // whether the runtime's current no-GC region is ours
    private static long allocatedAtStart;   // the process's allocated bytes when our region began

    /// <summary>Enters a no-GC region for the calling stretch of work, starting a fresh one if need be.</summary>
    public static Region Enter()
    {
        lock (Gate) Refresh();
        return new Region(active: true);
    }

    /// <summary>Whether the runtime's current no-GC region is ours and more than half of its budget is spent.</summary>
    internal static bool IsHalfSpent => owned && GC.GetTotalAllocatedBytes() - allocatedAtStart > BudgetBytes / 2;

    private static bool InRegion => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    private static bool NeedsRefresh => !InRegion || IsHalfSpent;

    private static void Refresh()
    {
        if (!NeedsRefresh) return;
        if (InRegion) Exhaust();   // half spent: end it the way that does not leak
        Start();
    }

    private static void Start()
    {
        if (InRegion) return;   // someone else's region (or ours that could not be ended): it protects us too
        try
        {
            owned = GC.TryStartNoGCRegion(BudgetBytes);
            allocatedAtStart = GC.GetTotalAllocatedBytes();
        }
        catch (InvalidOperationException)
        {
            owned = false;   // the runtime refused (another region raced us); the work runs as without one
        }
    }

    /// <summary>Allocates garbage until the runtime runs out of our region's budget, collects and leaves it.</summary>
    private static void Exhaust()
    {
        for (long spent = 0; InRegion && spent <= 4 * BudgetBytes; spent += ChunkBytes)
            GC.KeepAlive(GC.AllocateUninitializedArray<byte>(ChunkBytes));
        owned = false;
        if (!InRegion) return;
        try
        {
            GC.EndNoGCRegion();   // not expected: ending it is better than holding it forever
        }
        catch (InvalidOperationException)
        {
            // the runtime left it just now
        }
    }

    /// <summary>A stretch of work inside a region (from <see cref="Enter"/>).</summary>
    public readonly struct Region(bool active) : IDisposable
    {
        /// <summary>Starts a new region if half the budget is spent or it ran out since the last one began; call it between steps.</summary>
        public void Renew()
        {
            if (active) lock (Gate) Refresh();
        }

        /// <summary>Ends the stretch; the region stays open for the next one until its budget runs out (see above).</summary>
        public void Dispose()
        {
        }
    }
}
