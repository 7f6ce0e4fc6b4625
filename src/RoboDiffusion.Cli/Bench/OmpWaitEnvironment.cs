using System.Diagnostics;
using System.Reflection;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// OMP_WAIT_POLICY is read once, when libtorch's OpenMP runtime loads, and .NET's Environment.SetEnvironmentVariable
/// does not reach native code, so a different setting needs a fresh process: this re-runs the same command line with
/// the variable set (spinning OpenMP barriers made forward_b1 30-600 ms instead of 7 on a loaded machine).
/// </summary>
internal static class OmpWaitEnvironment
{
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>The value in this process's environment, or null.</summary>
    public static string? Current => Environment.GetEnvironmentVariable(Variable);

    /// <summary>True when a process whose environment holds <paramref name="current"/> already runs as <paramref name="wanted"/> asks.</summary>
    public static bool Satisfied(OmpWait wanted, string? current) =>
        wanted == OmpWait.Inherit || string.Equals(current, wanted.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs this command line again with the variable set, with the same console; returns its exit code.</summary>
    public static int Rerun(OmpWait wanted)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this process's executable to re-run it.");
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")   // `dotnet robodiff.dll ...`: the dll comes first
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly to re-run."));
        foreach (var a in Environment.GetCommandLineArgs().Skip(1)) info.ArgumentList.Add(a);
        info.Environment[Variable] = wanted.ToString().ToUpperInvariant();
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"Could not re-run {host}.");
        child.WaitForExit();
        return child.ExitCode;
    }
}
