using TorchSharp;

namespace RoboDiffusion.Runtime;

/// <summary>One place that prepares libtorch for this process: threads, default dtype, and a clear load error.</summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Loads libtorch and uses every core for intra-op parallelism, or RD_THREADS threads when that variable is set
    /// (one thread keeps a long run steady while other heavy processes share the cores). Safe to call many times.
    /// </summary>
    public static void Initialize(int? threads = null)
    {
        lock (Gate)
        {
            if (_initialized) return;
            try
            {
                torch.set_num_threads(threads ?? ThreadsFromEnvironment() ?? Environment.ProcessorCount);
                NnpackWarnings.Silence();   // this CPU cannot run NNPACK; libtorch would say so on every convolution
            }
            catch (TypeInitializationException e)
            {
                throw new InvalidOperationException(
                    "libtorch could not be loaded. On Debian 12 the build patches libLibTorchSharp.so's GLIBCXX_3.4.32 " +
                    "requirement (build/GlibcxxWeakPatch.cs); rebuild with `dotnet build` so the patch runs. " +
                    $"Inner error: {e.InnerException?.Message ?? e.Message}", e);
            }
            _initialized = true;
        }
    }

    /// <summary>
    /// Uses <paramref name="threads"/> intra-op threads until disposed, then restores the previous count, so a command
    /// run in-process (a benchmark, a test) does not leave its thread count behind.
    /// </summary>
    public static ThreadCount Threads(int threads)
    {
        Initialize();
        var previous = torch.get_num_threads();
        torch.set_num_threads(threads);
        return new ThreadCount(previous);
    }

    /// <summary>A thread count to restore; dispose it once.</summary>
    public readonly struct ThreadCount(int previous) : IDisposable
    {
        public void Dispose() => torch.set_num_threads(previous);
    }

    private static int? ThreadsFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("RD_THREADS"), out var n) && n >= 1 ? n : null;

    /// <summary>libtorch's version string, e.g. "2.10.0".</summary>
    public static string LibTorchVersion => torch.__version__;
}
