using System.Runtime.InteropServices;

namespace RoboDiffusion.Nn;

/// <summary>
/// Functions of the loaded libtorch (and of the OpenMP runtime it links) that TorchSharp does not wrap, found by their
/// exported symbol names. Every caller has a fallback when a symbol is missing (another libtorch build or platform).
/// </summary>
internal static class LibTorchSymbols
{
    private const string Library = "libtorch_cpu.so";

    /// <summary>The function <paramref name="symbol"/> as a <typeparamref name="T"/> delegate, or null when it is not exported.</summary>
    public static T? Find<T>(string symbol) where T : Delegate
    {
        // dlsym on libtorch_cpu's handle also searches its dependencies (libgomp); TorchSharp has loaded it already.
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out var lib)) return null;
        return NativeLibrary.TryGetExport(lib, symbol, out var fn) ? Marshal.GetDelegateForFunctionPointer<T>(fn) : null;
    }
}
