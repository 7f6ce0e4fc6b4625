using RoboDiffusion.Planners.Mpd;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Mpd;

public sealed class MpdTrainingTests
{
    [Fact]
    public void Short_training_lowers_the_loss_and_a_checkpoint_reloads_to_identical_samples()
    {
        var root = Path.Combine(Path.GetTempPath(), $"rd-mpd-train-{Guid.NewGuid():N}");
        try
        {
            var data = TinyMpd.Dataset(Path.Combine(root, "data"));
            using var training = TinyMpd.Training(data, Path.Combine(root, "run"), steps: 40);
            var losses = new List<double>();
            var result = training.Run();
            foreach (var line in File.ReadLines(Path.Combine(root, "run", "metrics.jsonl")))
                if (System.Text.Json.JsonDocument.Parse(line).RootElement.TryGetProperty("loss", out var l)) losses.Add(l.GetDouble());
            Assert.True(losses.Count >= 20, $"{losses.Count} logged losses");
            var first = losses.Take(5).Average();
            var last = losses.TakeLast(5).Average();
            Assert.True(last < 0.85 * first, $"loss {first:0.###} → {last:0.###}");

            using var loaded = MpdPlanner.Load(result.Checkpoint!);
            var start = tensor(new double[,] { { -0.8, -0.8 } });
            var goal = tensor(new double[,] { { 0.8, 0.7 } });
            training.Planner.Model.eval();
            using var a = training.Planner.Sample(start, goal, new Generator(4), samples: 3);
            using var b = loaded.Sample(start, goal, new Generator(4), samples: 3);
            Assert.True(a.equal(b).all().item<bool>(), "the reloaded checkpoint samples differently");
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }
}
