namespace RoboDiffusion.Cli;

/// <summary>Turns bad input into one clear line on stderr and exit code 2, instead of a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Runs a verb; bad input prints "robodiff VERB: message" on <paramref name="error"/> (default stderr), exit 2.</summary>
    public static int Guard(string verb, Func<int> run, TextWriter? error = null)
    {
        try { return run(); }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException
                                      or DirectoryNotFoundException or InvalidOperationException or FormatException)
        {
            (error ?? Console.Error).WriteLine($"robodiff {verb}: {e.Message}");
            return 2;
        }
    }
}
