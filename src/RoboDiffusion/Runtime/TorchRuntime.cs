using TorchSharp;

namespace RoboDiffusion.Runtime;

/// <summary>One place that prepares libtorch for this process: threads, default dtype, and a clear load error.</summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Loads libtorch and uses every core for intra-op parallelism. Safe to call many times.</summary>
    public static void Initialize(int? threads = null)
    {
        lock (Gate)
        {
            if (_initialized) return;
            try
            {
                torch.set_num_threads(threads ?? Environment.ProcessorCount);
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

    /// <summary>libtorch's version string, e.g. "2.10.0".</summary>
    public static string LibTorchVersion => torch.__version__;
}
