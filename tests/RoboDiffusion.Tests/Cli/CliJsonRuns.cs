using System.Text.Json;
using RoboDiffusion.Cli;

namespace RoboDiffusion.Tests.Cli;

/// <summary>
/// Runs `robodiff` commands that write their results with --json, each into a fresh file of a temporary folder owned by
/// the test class (deleted on Dispose), and returns the parsed JSON after checking the exit code.
/// </summary>
internal sealed class CliJsonRuns(string prefix) : IDisposable
{
    /// <summary>The temporary folder (for other outputs of the same test, such as GIFs).</summary>
    public string Dir { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Runs the command with `--json FILE` appended; asserts exit code 0 and returns the file's root element.</summary>
    public JsonElement Run(params string[] args)
    {
        var json = Path.Combine(Dir, $"{Guid.NewGuid():N}.json");
        var code = RobodiffApp.Build().Parse([.. args, "--json", json]).Invoke();
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
