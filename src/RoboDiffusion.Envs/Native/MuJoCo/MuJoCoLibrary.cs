using System.Runtime.InteropServices;
using System.Text;

namespace RoboDiffusion.Envs.Native.MuJoCo;

/// <summary>
/// Loads <c>libmujoco.so.2.2.2</c> once: a clear message when it is missing, a version guard (the struct offsets are
/// those of 2.2.2), and handlers for <c>mju_user_error</c>/<c>mju_user_warning</c>. MuJoCo's defaults print, append to
/// MUJOCO_LOG.TXT in the working directory and call <c>exit(1)</c>; ours only record the message on the calling thread,
/// and <see cref="ThrowIfReported"/> turns it into a <see cref="MuJoCoException"/> once the native call has returned
/// (no exception may cross a native frame).
/// </summary>
public static unsafe class MuJoCoLibrary
{
    private static readonly Lock Gate = new();
    private static volatile bool _ready;
    [ThreadStatic] private static string? _error;
    [ThreadStatic] private static string? _warning;

    /// <summary>"2.2.2" once loaded.</summary>
    public static string Version => $"{MuJoCoNative.mj_version() / 100}.{MuJoCoNative.mj_version() / 10 % 10}.{MuJoCoNative.mj_version() % 10}";

    /// <summary>Throws <see cref="DllNotFoundException"/> (missing library) or <see cref="MuJoCoException"/> (wrong version).</summary>
    public static void EnsureLoaded()
    {
        if (_ready) return;
        lock (Gate)
        {
            if (_ready) return;
            if (!NativeLibrary.TryLoad(MuJoCoNative.Lib, typeof(MuJoCoLibrary).Assembly, null, out var handle))
                throw new DllNotFoundException(
                    $"MuJoCo ({MuJoCoNative.Lib}) was not found. Install libmujoco2.2.2: bash scripts/setup.sh " +
                    "(or `sudo apt-get install libmujoco2.2.2` on Debian bookworm).");
            InstallHandlers(handle);
            var version = MuJoCoNative.mj_version();
            if (version != MuJoCoOffsets.ExpectedVersion)
                throw new MuJoCoException($"MuJoCo reports version {version}, but these bindings read struct offsets of " +
                                          $"version {MuJoCoOffsets.ExpectedVersion} (2.2.2); install libmujoco2.2.2.");
            _ready = true;
        }
    }

    /// <summary>Throws (and clears) the error or warning that MuJoCo reported on this thread since the last check.</summary>
    internal static void ThrowIfReported(string during)
    {
        var (error, warning) = (_error, _warning);
        _error = _warning = null;
        if (error is not null) throw new MuJoCoException($"MuJoCo error during {during}: {error}");
        if (warning is not null) throw new MuJoCoException($"MuJoCo warning during {during}: {warning}");
    }

    /// <summary>True if an error (not a warning) is pending on this thread: the native state may be inconsistent.</summary>
    internal static bool ErrorPending => _error is not null;

    private static void InstallHandlers(IntPtr handle)
    {
        *(delegate* unmanaged<byte*, void>*)NativeLibrary.GetExport(handle, "mju_user_error") = &OnError;
        *(delegate* unmanaged<byte*, void>*)NativeLibrary.GetExport(handle, "mju_user_warning") = &OnWarning;
    }

    [UnmanagedCallersOnly]
    private static void OnError(byte* message) => _error ??= Read(message);

    [UnmanagedCallersOnly]
    private static void OnWarning(byte* message) => _warning ??= Read(message);

    private static string Read(byte* message) =>
        message == null ? "(no message)" : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message)).Trim();
}
