using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff env pusht reset --seed S`: prints the seeded initial state as JSON.</summary>
internal static class EnvCommand
{
    public static Command Build()
    {
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "Reset seed (NumPy RandomState stream), 0..2^32-1" };
        var legacy = new Option<bool>("--legacy-order") { Description = "Set the block position before its angle (the original's legacy=True)" };
        var reset = new Command("reset", "Reset Push-T and print {\"state\":[ax,ay,bx,by,angle]}.\nExample: robodiff env pusht reset --seed 100000")
        {
            seed, legacy,
        };
        reset.SetAction(r =>
        {
            using var env = new PushTEnv(new PushTConfig { LegacyStateOrder = r.GetValue(legacy) });
            var state = env.Reset(r.GetValue(seed)).State;
            Console.WriteLine(JsonSerializer.Serialize(new { state }));
            return 0;
        });
        var pusht = new Command("pusht", "The Push-T environment (Chipmunk2D).") { reset };
        return new Command("env", "Inspect simulators.\nExample: robodiff env pusht reset --seed 0") { pusht, Maze2DEnvCommand.Build() };
    }

    /// <summary>Parses "ax,ay,bx,by,angle" (invariant culture).</summary>
    public static double[] ParseState(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new ArgumentException($"--state0: '{parts[i]}' is not a finite number (expected ax,ay,bx,by,angle).");
        return values.Length == 5 ? values
            : throw new ArgumentException($"--state0 needs 5 comma-separated values ax,ay,bx,by,angle, got {values.Length}.");
    }
}
