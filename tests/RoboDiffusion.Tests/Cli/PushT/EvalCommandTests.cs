using System.Text;
using System.Text.Json;
using RoboDiffusion.Cli;

namespace RoboDiffusion.Tests.Cli.PushT;

[Collection("Console")]
public sealed class EvalCommandTests : IDisposable
{
    private readonly CliJsonRuns _runs = new("robodiff-eval-");

    public void Dispose() => _runs.Dispose();

    private JsonElement Eval(string policy, int episodes, long seed, params string[] extra)
    {
        var root = _runs.Run(["eval", "pusht", "--policy", policy, "--episodes", $"{episodes}", "--seed", $"{seed}", .. extra]);
        Assert.Empty(Directory.GetFiles(_runs.Dir, ".*tmp*"));    // the temporary file was renamed into place
        return root;
    }

    [Fact]
    public void Json_holds_one_entry_per_seed_in_order_with_scores_in_the_unit_interval()
    {
        var root = Eval("expert", 4, 100000);
        var episodes = root.GetProperty("episodes").EnumerateArray().ToList();
        Assert.Equal([100000L, 100001L, 100002L, 100003L], episodes.Select(e => e.GetProperty("seed").GetInt64()));
        foreach (var e in episodes)
        {
            var score = e.GetProperty("score").GetDouble();
            Assert.InRange(score, 0, 1);
            Assert.InRange(e.GetProperty("steps").GetInt32(), 1, 300);
            if (e.GetProperty("success").GetBoolean()) Assert.Equal(1.0, score);   // coverage > 0.95 ⇒ reward clip(c/0.95) = 1
        }
        Assert.Equal(episodes.Average(e => e.GetProperty("score").GetDouble()), root.GetProperty("summary").GetProperty("mean_score").GetDouble(), 12);
    }

    [Fact]
    public void Expert_scores_at_least_0_9_and_the_random_policy_far_less_on_five_seeds()
    {   // Issue 3 requires the expert's mean score ≥ 0.97 on seeds 0…99; a random walk rarely covers the goal.
        var expert = Eval("expert", 5, 10).GetProperty("summary").GetProperty("mean_score").GetDouble();
        var random = Eval("random", 5, 10).GetProperty("summary").GetProperty("mean_score").GetDouble();
        Assert.True(expert >= 0.9, $"expert mean score {expert}");
        Assert.True(random < expert - 0.5, $"random mean score {random} vs expert {expert}");
    }

    [Fact]
    public void Gif_option_writes_one_frame_per_observation_of_the_first_episode()
    {   // Frames: the reset scene plus one per step; each GIF89a frame has a Graphic Control Extension (0x21 0xF9 0x04).
        var gif = Path.Combine(_runs.Dir, "first.gif");
        var root = Eval("expert", 2, 3, "--gif", gif);
        var steps = root.GetProperty("episodes")[0].GetProperty("steps").GetInt32();
        var bytes = File.ReadAllBytes(gif);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(bytes, 0, 6));
        var controlBlocks = Enumerable.Range(0, bytes.Length - 2).Count(i => bytes[i] == 0x21 && bytes[i + 1] == 0xF9 && bytes[i + 2] == 4);
        Assert.Equal(steps + 1, controlBlocks);
    }

    [Theory]
    [InlineData("--policy", "diffusion", "Valid policies: expert, random")]
    [InlineData("--episodes", "0", "--episodes must be at least 1")]
    [InlineData("--max-steps", "0", "--max-steps must be at least 1")]
    [InlineData("--seed", "-1", "outside NumPy's RandomState range")]
    [InlineData("--policy", "models/no_such_policy", "Policy folder 'models/no_such_policy' does not exist")]
    [InlineData("--sampler", "ddim", "apply to trained policy folders, not to 'expert'")]
    public void Bad_options_exit_with_code_2_and_a_message_naming_the_problem(string option, string value, string expected)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, RobodiffApp.Build().Parse(["eval", "pusht", option, value]).Invoke());
        }
        finally { Console.SetError(previous); }
        Assert.Contains(expected, error.ToString());
    }
}
