using System.Runtime.InteropServices;

namespace RoboDiffusion.Envs.Native;

/// <summary>
/// Loads <c>libchipmunk.so.7</c> once, with a clear message when it is missing, and silences the banner that
/// Debian's debug build prints with C <c>printf</c> on the first <c>cpSpaceNew</c> (it would pollute machine-readable stdout).
/// </summary>
public static partial class ChipmunkLibrary
{
    private static readonly Lock Gate = new();
    private static volatile bool _ready;

    /// <summary>Throws <see cref="DllNotFoundException"/> with the install command if the library cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (_ready) return;
        lock (Gate)
        {
            if (_ready) return;
            Probe(Chipmunk.Lib);
            SwallowBanner();
            _ready = true;
        }
    }

    /// <summary>Loads <paramref name="library"/> or throws with the command that installs Chipmunk.</summary>
    internal static void Probe(string library)
    {
        if (!NativeLibrary.TryLoad(library, typeof(ChipmunkLibrary).Assembly, null, out _))
            throw new DllNotFoundException(
                $"Chipmunk2D ({library}) was not found. Install it with `sudo apt-get install libchipmunk7` " +
                "(Debian/Ubuntu) or run scripts/setup.sh.");
    }

    // The banner is printed once per process by the first cpSpaceNew: point fd 1 at /dev/null for that call only.
    private static void SwallowBanner()
    {
        Console.Out.Flush();
        var saved = Dup(1);
        var devNull = Open("/dev/null", 1 /* O_WRONLY */);
        if (saved < 0 || devNull < 0)
        {
            Chipmunk.cpSpaceFree(Chipmunk.cpSpaceNew());
            return;
        }
        Dup2(devNull, 1);
        try { Chipmunk.cpSpaceFree(Chipmunk.cpSpaceNew()); Fflush(IntPtr.Zero); }
        finally { Dup2(saved, 1); Close(saved); Close(devNull); }
    }

    [LibraryImport("libc", EntryPoint = "dup")] private static partial int Dup(int fd);
    [LibraryImport("libc", EntryPoint = "dup2")] private static partial int Dup2(int fd, int fd2);
    [LibraryImport("libc", EntryPoint = "close")] private static partial int Close(int fd);
    [LibraryImport("libc", EntryPoint = "fflush")] private static partial int Fflush(IntPtr stream);
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
