// MSBuild inline task (RoslynCodeTaskFactory) that makes TorchSharp's native shim load on Debian 12.
//
// libLibTorchSharp.so (TorchSharp 0.107.0) lists GLIBCXX_3.4.32 among its version needs, for one symbol nothing calls.
// Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the library. Setting VER_FLG_WEAK (0x2)
// in that Vernaux entry's vna_flags turns the hard requirement into a weak one (ELF gABI, "Symbol Versioning"), and
// the library loads and runs. The patch is applied only when the system libstdc++ lacks the version, and is idempotent.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class GlibcxxWeakPatch : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Shared libraries to patch (missing files are skipped).</summary>
    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version requirement to weaken.</summary>
    public string Version { get; set; } = "GLIBCXX_3.4.32";

    public override bool Execute()
    {
        if (SystemLibstdcxxHas(Version))
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ provides {Version}; no patch needed.");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                var outcome = Weaken(path, Version);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"Could not patch {path} ({Version} -> weak): {e.Message}");
                return false;
            }
        }
        return true;
    }

    private static bool SystemLibstdcxxHas(string version)
    {
        string[] candidates = {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        foreach (var c in candidates)
        {
            if (!File.Exists(c)) continue;
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(File.ReadAllBytes(c), needle) >= 0;   // version names live in .dynstr
        }
        return true;   // not a glibc Linux system we know: leave the file alone
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    /// <summary>Sets VER_FLG_WEAK on the Vernaux entry named <paramref name="version"/>; keeps the file's mtime.</summary>
    public static string Weaken(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1) throw new InvalidDataException("only little-endian ELF64 is supported");

        var shoff = (long)BitConverter.ToUInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3A), shnum = BitConverter.ToUInt16(bytes, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = (int)(shoff + (long)s * shentsize);
            if (BitConverter.ToUInt32(bytes, sh + 4) != ShtGnuVerneed) continue;
            var offset = (int)BitConverter.ToUInt64(bytes, sh + 0x18);
            var link = BitConverter.ToUInt32(bytes, sh + 0x28);
            var count = BitConverter.ToUInt32(bytes, sh + 0x2C);
            var strtab = (int)BitConverter.ToUInt64(bytes, (int)(shoff + link * shentsize) + 0x18);
            var result = WeakenInVerneed(bytes, offset, count, strtab, version);
            if (result == "patched")
            {
                var mtime = File.GetLastWriteTimeUtc(path);
                var tmp = path + ".patching";
                File.WriteAllBytes(tmp, bytes);
                File.Replace(tmp, path, null);   // atomic rename over the original
                File.SetLastWriteTimeUtc(path, mtime);   // keep incremental copies from re-copying the original
            }
            return result;
        }
        return "no version needs";
    }

    private static string WeakenInVerneed(byte[] b, int offset, uint count, int strtab, string version)
    {
        var vn = offset;
        for (var i = 0; i < count; i++)
        {
            int cnt = BitConverter.ToUInt16(b, vn + 2);
            var aux = vn + (int)BitConverter.ToUInt32(b, vn + 8);
            for (var k = 0; k < cnt; k++)
            {
                var name = ReadCString(b, strtab + (int)BitConverter.ToUInt32(b, aux + 8));
                if (name == version)
                {
                    var flags = BitConverter.ToUInt16(b, aux + 4);
                    if ((flags & VerFlgWeak) != 0) return "already weak";
                    BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(b, aux + 4);
                    return "patched";
                }
                aux += (int)BitConverter.ToUInt32(b, aux + 12);
            }
            vn += (int)BitConverter.ToUInt32(b, vn + 12);
        }
        return "version not required";
    }

    private static string ReadCString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
