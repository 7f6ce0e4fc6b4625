using RoboDiffusion.Data.Io;
using System.CommandLine;
using RoboDiffusion.Envs.PushT;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff render pusht --seed S --policy expert|random --out episode.gif`: one episode as an animated GIF.</summary>
internal static class RenderCommand
{
    private static readonly string[] Policies = ["expert", "random"];

    public static Command Build()
    {
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "Reset seed" };
        var policy = new Option<string>("--policy") { DefaultValueFactory = _ => "expert", Description = "expert | random" };
        policy.AcceptOnlyFromAmong(Policies);
        var output = new Option<FileInfo>("--out") { Required = true, Description = "Output .gif" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 300, Description = "Maximum env steps (300 in evaluation)" };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => 256, Description = "Frame side in pixels (1..512)" };
        var pusht = new Command("pusht",
            "Render a Push-T episode to an animated GIF (10 fps).\nExample: robodiff render pusht --seed 100000 --policy expert --out episode.gif")
        {
            seed, policy, output, steps, size,
        };
        pusht.SetAction(r => Run(r.GetValue(seed), r.GetValue(policy)!, r.GetValue(output)!, r.GetValue(steps), r.GetValue(size)));
        return new Command("render", "Render simulator episodes.") { pusht };
    }

    private static int Run(long seed, string policyName, FileInfo output, int maxSteps, int size)
    {
        using var env = new PushTEnv(new PushTConfig { MaxEpisodeSteps = maxSteps });
        using var expert = new PushTExpert();
        IPushTPolicy policy = policyName == "expert" ? expert : new PushTRandomPolicy((int)(seed % int.MaxValue));
        env.Reset(seed);
        policy.Reset();
        var frames = new List<Frame> { env.Render(size) };
        var score = 0.0;
        for (var t = 0; t < maxSteps; t++)
        {
            var result = env.Step(policy.Act(env));
            frames.Add(env.Render(size));
            score = Math.Max(score, result.Reward);
            if (result.Terminated) break;
        }
        AtomicFile.WriteVia(output.FullName, temp => GifWriter.Write(temp, frames));
        Console.Error.WriteLine($"render: seed {seed}, {policyName}, {frames.Count - 1} steps, score {score:F3}, coverage {env.Coverage:F3} -> {output.FullName}");
        return 0;
    }
}
