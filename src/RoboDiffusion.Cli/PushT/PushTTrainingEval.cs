using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;

namespace RoboDiffusion.Cli.PushT;

/// <summary>The periodic evaluation of a Push-T policy during training: episodes on validation seeds, score and success.</summary>
internal static class PushTTrainingEval
{
    public static Func<DiffusionPolicy, EvalHook> Create(RolloutEvalConfig config)
    {
        if (!config.Env.Equals("pusht", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Unknown evaluation env '{config.Env}'. Valid envs: pusht.");
        return policy => step =>
        {
            var runner = new PushTPolicyRunner(policy, config.Inference);
            var results = runner.Run(config.FirstSeed, config.Episodes, config.MaxSteps, noiseSeed: config.FirstSeed);
            var summary = PushTEvalSummary.From(results, 0);
            return new Dictionary<string, double>
            {
                ["score"] = summary.MeanScore,
                ["success_rate"] = summary.SuccessRate,
                ["mean_steps"] = summary.MeanSteps,
            };
        };
    }
}
