using Spectre.Console;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// A progress display for long batch jobs: a Spectre progress bar on an interactive terminal, otherwise (output
/// redirected, CI, tests) a plain line on stderr every 10 %.
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls the given action once per finished item (from any thread).</summary>
    public static T Run<T>(string description, int total, Func<Action, T> work) =>
        RunUnits(description, total, add => work(() => add(1)));

    /// <summary>Runs <paramref name="work"/>, which reports finished units in any amounts (from any thread).</summary>
    public static T RunUnits<T>(string description, long total, Func<Action<long>, T> work)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            return AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(description, maxValue: total);
                    var gate = new Lock();
                    return work(n => { lock (gate) task.Increment(n); });
                });
        long done = 0;
        var step = Math.Max(1, total / 10);
        return work(n =>
        {
            var after = Interlocked.Add(ref done, n);
            if (after / step != (after - n) / step || (after == total && n > 0)) Console.Error.WriteLine($"{description}: {after * 100 / Math.Max(total, 1)}%");
        });
    }
}
