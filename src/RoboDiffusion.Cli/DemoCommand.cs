using System.CommandLine;

namespace RoboDiffusion.Cli;

/// <summary>
/// `robodiff demo`: the README's main job. Evaluates the shipped Diffusion Policy (keypoints + U-Net, trained here on
/// the project's own expert demonstrations) on Push-T test seeds with the paper's 100-step DDPM sampler, shows
/// progress, prints the results table and writes a GIF grid of the first rollouts. Runs offline.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The shipped policy, relative to the repository root.</summary>
    public const string ShippedPolicy = "models/pusht_keypoints_unet";

    public static Command Build()
    {
        var policy = new Option<string>("--policy") { DefaultValueFactory = _ => ShippedPolicy, Description = "Policy folder" };
        var episodes = new Option<int>("--episodes") { DefaultValueFactory = _ => 20, Description = "Episodes (seeds from --seed)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 100000, Description = "First test seed (the paper's start at 100000)" };
        var sampler = new Option<string?>("--sampler") { Description = "Sampler (default: the policy's, 100-step DDPM)" };
        var steps = new Option<int?>("--steps") { Description = "Sampler steps (default: the policy's)" };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "out/demo", Description = "Folder for rollouts.gif and eval.json" };
        var cmd = new Command("demo",
            "Evaluate the shipped Push-T Diffusion Policy in the simulator: progress, results table, rollout GIF.\n"
            + "Example: robodiff demo --episodes 20")
        {
            policy, episodes, seed, sampler, steps, output,
        };
        cmd.SetAction(r => CliErrors.Guard("demo", () =>
        {
            var path = Locate(r.GetValue(policy)!);
            var dir = Directory.CreateDirectory(r.GetValue(output)!).FullName;
            return EvalCommand.RunLearned(new EvalCommand.EvalSettings(path, r.GetValue(episodes), r.GetValue(seed), 300),
                new EvalCommand.LearnedOptions(r.GetValue(sampler), r.GetValue(steps), null),
                Path.Combine(dir, "eval.json"), Path.Combine(dir, "rollouts.gif"));
        }));
        return cmd;
    }

    /// <summary>A relative policy path is looked up from the working directory, then from the executable upwards (the repository).</summary>
    private static string Locate(string policy)
    {
        if (Path.IsPathRooted(policy) || Directory.Exists(policy)) return policy;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, policy))) return Path.Combine(dir.FullName, policy);
        throw new DirectoryNotFoundException($"Policy folder '{policy}' not found (looked in the working directory and above the executable).");
    }
}
