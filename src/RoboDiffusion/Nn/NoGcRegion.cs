using System.Runtime;

namespace RoboDiffusion.Nn;

/// <summary>
/// Keeps garbage collections out of a stretch of TorchSharp work. TorchSharp 0.107 turns every implicit number (the α
/// that <c>a + b</c> passes to libtorch's add, <c>x * 2.0</c>, clamp bounds) into a finalizable <c>Scalar</c> and hands
/// libtorch only its handle, so nothing keeps the managed Scalar reachable during the native call. A collection
/// triggered meanwhile by another thread's allocation (a progress display, the runtime's own threads) finalizes it and
/// frees the native scalar while libtorch reads it: a crash ("toFloat", "Unknown scalar type") or a wrong number, in our
/// trainings about once an hour. Nothing is collected inside a no-GC region, so no Scalar in use can be freed.
/// Regions are process-wide and counted: the first <see cref="Enter"/> starts one, the last <see cref="Region.Dispose"/>
/// ends it. An allocation budget of <see cref="BudgetBytes"/> covers a training step or a sampler step of every model
/// here; when a stretch outgrows it the runtime collects and leaves the region, and <see cref="Region.Renew"/> (called
/// between steps) starts a new one. Starting a region runs one collection (≈ 0.5 ms on a small heap).
/// </summary>
public static class NoGcRegion
{
    /// <summary>Managed bytes the process may allocate inside a region before the runtime collects anyway.</summary>
    public const long BudgetBytes = 32L << 20;

    private static readonly Lock Gate = new();
    private static int depth;   // open Regions in the process
    private static bool owned;  // whether the runtime's current no-GC region is ours

    /// <summary>Enters a no-GC region for the calling stretch of work (nested and concurrent regions share one).</summary>
    public static Region Enter()
    {
        lock (Gate)
        {
            if (depth++ == 0) Start();
        }
        return new Region(active: true);
    }

    private static void Start()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return;   // someone else's region: it protects us too
        try
        {
            owned = GC.TryStartNoGCRegion(BudgetBytes);
        }
        catch (InvalidOperationException)
        {
            owned = false;   // the runtime refused (another region raced us); the work runs as without one
        }
    }

    private static void RenewIfLeft()
    {
        lock (Gate)
        {
            if (depth > 0 && GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) Start();
        }
    }

    private static void Leave()
    {
        lock (Gate)
        {
            if (--depth > 0 || !owned) return;
            owned = false;
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;   // the budget ran out; the runtime left it
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // the runtime ended the region itself (a collection was induced or the budget ran out just now)
            }
        }
    }

    /// <summary>An open region; dispose it once.</summary>
    public readonly struct Region(bool active) : IDisposable
    {
        /// <summary>Starts a new region if the budget ran out since the last one began; call it between steps.</summary>
        public void Renew()
        {
            if (active && GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) RenewIfLeft();
        }

        public void Dispose()
        {
            if (active) Leave();
        }
    }
}
