using System.CommandLine;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff replay pusht`: sets a state, applies [N,2] actions, writes the [N,5] states after each step.</summary>
internal static class ReplayCommand
{
    public static Command Build()
    {
        var state0 = new Option<string>("--state0") { Required = true, Description = "Initial state ax,ay,bx,by,angle (applied as _set_state)" };
        var actions = new Option<FileInfo>("--actions") { Required = true, Description = "Actions, an [N,2] .npy (float64 or float32)" };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "Output [N,5] float64 .npy of states after each step" };
        var legacy = new Option<bool>("--legacy-order") { Description = "Set the block position before its angle (legacy=True)" };
        var pusht = new Command("pusht",
            "Replay actions in Push-T.\nExample: robodiff replay pusht --state0 222,97,217,292,3.008 --actions a.npy --out states.npy")
        {
            state0, actions, output, legacy,
        };
        pusht.SetAction(r => Run(EnvCommand.ParseState(r.GetValue(state0)!), r.GetValue(actions)!, r.GetValue(output)!, r.GetValue(legacy)));
        return new Command("replay", "Replay recorded actions in a simulator.") { pusht };
    }

    private static int Run(double[] start, FileInfo actionsFile, FileInfo outFile, bool legacy)
    {
        var array = NpyFile.Read(actionsFile.FullName);
        if (array.Shape.Length != 2 || array.Shape[1] != 2)
            throw new ArgumentException($"{actionsFile.Name}: actions must have shape [N, 2], got [{string.Join(", ", array.Shape)}].");
        var a = array.ToDoubleArray();
        var n = (int)array.Shape[0];
        var states = new double[n * 5];
        using var env = new PushTEnv(new PushTConfig { LegacyStateOrder = legacy, MaxEpisodeSteps = int.MaxValue });
        env.ResetToState(start);
        for (var t = 0; t < n; t++)
            env.Step(a.AsSpan(2 * t, 2)).Observation.State.CopyTo(states, 5 * t);
        NpyFile.Write(outFile.FullName, states, n, 5);
        Console.Error.WriteLine($"replay: {n} steps -> {outFile.FullName}");
        return 0;
    }
}
