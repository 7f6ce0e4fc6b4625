namespace RoboDiffusion.Cli;

/// <summary>Turns bad input into one clear line on stderr and exit code 2, instead of a stack trace.</summary>
internal static class CliErrors
{
    public static int Guard(string verb, Func<int> run)
    {
        try { return run(); }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException
                                      or DirectoryNotFoundException or InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"robodiff {verb}: {e.Message}");
            return 2;
        }
    }
}
