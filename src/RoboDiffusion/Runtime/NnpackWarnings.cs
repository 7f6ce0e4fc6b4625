using System.Runtime.InteropServices;

namespace RoboDiffusion.Runtime;

/// <summary>
/// On CPUs where NNPACK fails to initialize (e.g. this virtualized AMD EPYC), libtorch 2.10 logs "Could not initialize
/// NNPACK! Reason: Unsupported hardware." on every convolution with batch ≥ 16 — thousands of stderr lines per second
/// that flood logs and cost time. Convolution checks at::globalContext().userEnabledNNPACK() before
/// NNPACK's availability (aten/src/ATen/native/Convolution.cpp, use_nnpack), so switching that flag off silences it
/// without changing which kernels run (NNPACK is unusable here anyway). TorchSharp does not expose the flag, hence the
/// two exported C++ symbols.
/// </summary>
internal static class NnpackWarnings
{
    private const string Library = "libtorch_cpu.so";
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";                  // at::globalContext()
    private const string SetEnabledSymbol = "_ZN2at7Context20setUserEnabledNNPACKEb";      // at::Context::setUserEnabledNNPACK(bool)

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContextFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabledFn(IntPtr context, byte enabled);

    /// <summary>Turns NNPACK off in the loaded libtorch; false (and nothing changed) when the symbols are not there.</summary>
    public static bool Silence()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out var lib)) return false;   // already loaded by TorchSharp
        if (!NativeLibrary.TryGetExport(lib, GlobalContextSymbol, out var global) || !NativeLibrary.TryGetExport(lib, SetEnabledSymbol, out var set))
            return false;
        var context = Marshal.GetDelegateForFunctionPointer<GlobalContextFn>(global)();
        Marshal.GetDelegateForFunctionPointer<SetEnabledFn>(set)(context, 0);
        return true;
    }
}
