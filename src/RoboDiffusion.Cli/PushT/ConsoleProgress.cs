using Spectre.Console;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// A progress display for long batch jobs: a Spectre progress bar on an interactive terminal, otherwise (output
/// redirected, CI, tests) a plain line on stderr every 10 %.
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls the given action once per finished item (from any thread).</summary>
    public static T Run<T>(string description, int total, Func<Action, T> work)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            return AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(description, maxValue: total);
                    return work(() => task.Increment(1));
                });
        var done = 0;
        var step = Math.Max(1, total / 10);
        return work(() =>
        {
            var n = Interlocked.Increment(ref done);
            if (n % step == 0 || n == total) Console.Error.WriteLine($"{description}: {n}/{total}");
        });
    }
}
