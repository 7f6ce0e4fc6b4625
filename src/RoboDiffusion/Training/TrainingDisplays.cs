using Spectre.Console;

namespace RoboDiffusion.Training;

/// <summary>Picks the display for a <see cref="ProgressMode"/>.</summary>
public static class TrainingDisplays
{
    /// <summary>Auto is the live bar only on an interactive terminal whose output is not redirected.</summary>
    public static ITrainingDisplay Create(ProgressMode mode, long logEvery) => mode switch
    {
        ProgressMode.None => new Silent(),
        ProgressMode.Plain => new PlainTrainingDisplay(Console.Out, logEvery),
        ProgressMode.Live => new SpectreTrainingDisplay(),
        ProgressMode.Auto => IsInteractive() ? new SpectreTrainingDisplay() : new PlainTrainingDisplay(Console.Out, logEvery),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown progress mode."),
    };

    private static bool IsInteractive() =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Capabilities.Ansi;

    private sealed class Silent : ITrainingDisplay
    {
        public void Start(long firstStep, long totalSteps) { }
        public void Tick(TrainTick tick) { }
        public void Note(string message) { }
        public void Stop() { }
    }
}
