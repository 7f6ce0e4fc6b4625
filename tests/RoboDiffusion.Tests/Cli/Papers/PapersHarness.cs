using System.CommandLine;
using RoboDiffusion.Cli;
using Spectre.Console;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>Runs `robodiff papers …` in-process with an 80-column, colourless console and captured stdout/stderr.</summary>
internal static class PapersHarness
{
    public sealed record Outcome(int ExitCode, string Console, string Stdout, string Stderr);

    public static Outcome Run(params string[] args)
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 80;
        var root = new RootCommand("test") { PapersCommand.Build(console) };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = root.Parse(["papers", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new Outcome(code, screen.ToString(), stdout.ToString(), stderr.ToString());
    }
}
