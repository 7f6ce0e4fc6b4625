using System.Text.Json;
using RoboDiffusion.Cli;

namespace RoboDiffusion.Tests.Cli.PushT;

/// <summary>The Diffusion Policy shipped in models/ (trained here on the project's expert demonstrations) in the simulator.</summary>
[Collection("Console")]
public sealed class ShippedPolicyTests : IDisposable
{
    private readonly CliJsonRuns _runs = new("robodiff-shipped-");

    public void Dispose() => _runs.Dispose();

    private static string ShippedPolicy() => RepositoryPaths.Of(DemoCommand.ShippedPolicy);

    private double MeanScore(string policy, params string[] extra) =>
        _runs.Run(["eval", "pusht", "--policy", policy, "--episodes", "5", "--seed", "100000", .. extra])
            .GetProperty("summary").GetProperty("mean_score").GetDouble();

    [Fact]
    public void The_shipped_policy_scores_far_above_a_random_policy_on_five_test_seeds()
    {   // Random actions score ≈ 0.11 on these seeds; a working policy pushes the T most of the way onto its target.
        var random = MeanScore("random");
        var shipped = MeanScore(ShippedPolicy());                     // its own sampler: 100-step DDPM, as in the paper
        Assert.InRange(random, 0, 0.3);
        Assert.True(shipped >= 0.7, $"shipped policy mean score {shipped:F3} (random {random:F3})");
    }

    [Fact]
    public void The_shipped_policy_also_works_with_ten_dpm_solver_steps()
    {
        var shipped = MeanScore(ShippedPolicy(), "--sampler", "dpmpp_2m", "--steps", "10");
        Assert.True(shipped >= 0.7, $"shipped policy mean score with 10 DPM-Solver++ steps {shipped:F3}");
    }

    [Fact]
    public void The_demo_writes_its_table_json_and_rollout_gif()
    {
        var output = Path.Combine(_runs.Dir, "demo");
        var code = RobodiffApp.Build().Parse(["demo", "--episodes", "2", "--sampler", "ddim", "--steps", "5", "--out", output]).Invoke();
        Assert.Equal(0, code);
        Assert.True(new FileInfo(Path.Combine(output, "rollouts.gif")).Length > 10_000);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "eval.json")));
        Assert.Equal(2, doc.RootElement.GetProperty("episodes").GetArrayLength());
    }
}
