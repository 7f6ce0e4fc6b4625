using System.Runtime.InteropServices;

namespace RoboDiffusion.Envs.Native.MuJoCo;

/// <summary>
/// P/Invoke surface of MuJoCo 2.2.2 (Debian's <c>libmujoco2.2.2</c>, soname <c>libmujoco.so.2.2.2</c>, mjtNum = double).
/// 2.2.2 has no accessors for mjModel/mjData fields, so <see cref="MuJoCoOffsets"/> holds the struct offsets of this
/// exact build. Call <see cref="MuJoCoLibrary.EnsureLoaded"/> first: it checks the version and installs the error handlers.
/// </summary>
internal static unsafe partial class MuJoCoNative
{
    public const string Lib = "libmujoco.so.2.2.2";

    [LibraryImport(Lib)] public static partial int mj_version();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr mj_loadXML(string filename, IntPtr vfs, byte* error, int errorSize);
    [LibraryImport(Lib)] public static partial void mj_deleteModel(IntPtr m);
    [LibraryImport(Lib)] public static partial IntPtr mj_makeData(IntPtr m);
    [LibraryImport(Lib)] public static partial void mj_deleteData(IntPtr d);
    [LibraryImport(Lib)] public static partial void mj_step(IntPtr m, IntPtr d);
    [LibraryImport(Lib)] public static partial void mj_forward(IntPtr m, IntPtr d);
    [LibraryImport(Lib)] public static partial void mj_resetData(IntPtr m, IntPtr d);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mj_name2id(IntPtr m, int type, string name);
}

/// <summary>
/// Byte offsets of mjModel/mjData fields in MuJoCo 2.2.2 on x86_64, from gcc <c>offsetof</c> against the installed
/// headers (shared/reference/native.md §2). They change with every MuJoCo release, hence the version guard.
/// </summary>
internal static class MuJoCoOffsets
{
    public const int ModelNq = 0, ModelNv = 4, ModelNu = 8, ModelNbody = 16, ModelTimestep = 232;
    public const int DataNcon = 40332, DataTime = 40336, DataQpos = 40376, DataQvel = 40384, DataCtrl = 40408;
    public const int ExpectedVersion = 222;
}
