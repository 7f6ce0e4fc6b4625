using System.Runtime.InteropServices;

namespace RoboDiffusion.Nn;

/// <summary>
/// Intra-op thread count of the calling thread for batch-1 inference. At batch 1 the U-Net's kernels take a few µs,
/// and every parallel region (GroupNorm always opens one; MKL's SGEMM does even for a 4-row product) costs a thread
/// wake-up of ≈ 5-15 µs, more than the work it splits; only large matrix products gain from a second thread. So a
/// batch-1 forward runs in a <see cref="Serial"/> region, and products with at least <see cref="ParallelWeightNumel"/>
/// weights get the caller's count back inside it (<see cref="ForLargeProduct"/>). Unlike torch.set_num_threads, this
/// sets only the calling thread's OpenMP and MKL counts (omp_set_num_threads, mkl_set_num_threads_local), so other
/// threads and libtorch's process-wide default are untouched (MKL_Set_Num_Threads_Local is the C entry point;
/// mkl_set_num_threads_local is exported as the Fortran one, by reference). Without those symbols it changes nothing.
/// </summary>
internal static class IntraOpThreads
{
    /// <summary>
    /// Products with at least this many weights (4 MB in float32, e.g. 512→512 channels at k = 5) use the caller's
    /// thread count even inside a serial region: below it a second thread did not pay on 2 cores (measured).
    /// </summary>
    public const long ParallelWeightNumel = 1L << 20;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFn(int n);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetLocalFn(int n);   // returns the previous thread-local count (0 = MKL's global setting)

    private static readonly GetFn? OmpGetMaxThreads = LibTorchSymbols.Find<GetFn>("omp_get_max_threads");
    private static readonly SetFn? OmpSetNumThreads = LibTorchSymbols.Find<SetFn>("omp_set_num_threads");
    private static readonly SetLocalFn? MklSetNumThreadsLocal = LibTorchSymbols.Find<SetLocalFn>("MKL_Set_Num_Threads_Local");

    [ThreadStatic] private static int outer;   // this thread's count outside its serial region; 0 = not in one

    /// <summary>One intra-op thread on the calling thread until disposed (no change when it already has one, or nested).</summary>
    public static Region Serial()
    {
        if (OmpGetMaxThreads is null || OmpSetNumThreads is null || MklSetNumThreadsLocal is null || outer != 0) return default;
        var n = OmpGetMaxThreads();
        if (n <= 1) return default;
        outer = n;
        return Set(1, restoreOmp: n, isSerial: true);
    }

    /// <summary>Inside a serial region, the caller's count back for one product of <paramref name="weightNumel"/> weights.</summary>
    public static Region ForLargeProduct(long weightNumel) =>
        outer == 0 || weightNumel < ParallelWeightNumel ? default : Set(outer, restoreOmp: 1, isSerial: false);

    private static Region Set(int n, int restoreOmp, bool isSerial)
    {
        OmpSetNumThreads!(n);
        var previousMkl = MklSetNumThreadsLocal!(n);
        return new Region(restoreOmp, previousMkl, isSerial);
    }

    /// <summary>Restores the counts it replaced.</summary>
    public readonly struct Region(int restoreOmp, int restoreMkl, bool isSerial) : IDisposable
    {
        public void Dispose()
        {
            if (restoreOmp == 0) return;
            OmpSetNumThreads!(restoreOmp);
            MklSetNumThreadsLocal!(restoreMkl);
            if (isSerial) outer = 0;
        }
    }
}
