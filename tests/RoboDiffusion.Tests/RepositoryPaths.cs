using System.Runtime.CompilerServices;

namespace RoboDiffusion.Tests;

/// <summary>Files of the checkout (configs, shipped models), found from this source file's compile-time path: the tests run from the build output.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", ".."));

    /// <summary>A path relative to the repository root.</summary>
    public static string Of(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
