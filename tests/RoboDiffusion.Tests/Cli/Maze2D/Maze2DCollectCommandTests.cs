using RoboDiffusion.Cli;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;

namespace RoboDiffusion.Tests.Cli.Maze2D;

[Collection("Console")]
public sealed class Maze2DCollectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("robodiff-maze2d-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Collected_maze2d_dataset_reads_back_with_episodes_split_at_goal_exits()
    {
        var output = Path.Combine(_dir, "umaze");
        var code = RobodiffApp.Build().Parse(["collect", "maze2d", "--maze", "umaze", "--steps", "3000", "--seed", "1", "--out", output]).Invoke();
        Assert.Equal(0, code);
        var data = LeRobotReader.Read(output).Data;
        Assert.Equal(Maze2DFeatures.Fps, data.Fps);
        Assert.Equal(["observation.state:4", "observation.goal:2", "action:2", "next.reward:1", "next.done:1"],
            data.Features.Select(f => $"{f.Name}:{string.Join("x", f.Shape)}"));
        Assert.Equal(3000, data.TotalFrames);
        Assert.True(data.Episodes.Count >= 2, $"{data.Episodes.Count} episodes");
        for (var e = 0; e < data.Episodes.Count; e++)
        {
            var ep = data.Episodes[e];
            var done = ep.Bools(Maze2DFeatures.Done);
            Assert.True(done[^1]);
            Assert.DoesNotContain(true, done[..^1]);
            if (e == data.Episodes.Count - 1) continue;
            var s = ep.Floats(Maze2DFeatures.State);                  // U-Maze goal (1, 1): the last frame is inside 0.5
            var (x, y) = (s[^4], s[^3]);
            Assert.InRange(Math.Sqrt((x - 1) * (x - 1) + (y - 1) * (y - 1)), 0, 0.5);
        }
    }

    [Fact]
    public void Split_none_keeps_the_same_stream_cut_only_every_100_000_steps()
    {
        string Collect(string name, params string[] extra)
        {
            var output = Path.Combine(_dir, name);
            var code = RobodiffApp.Build().Parse(["collect", "maze2d", "--steps", "100050", "--seed", "1", "--out", output, .. extra]).Invoke();
            Assert.Equal(0, code);
            return output;
        }
        var split = LeRobotReader.Read(Collect("split")).Data;
        var whole = LeRobotReader.Read(Collect("whole", "--split", "none")).Data;
        Assert.True(split.Episodes.Count > 2, $"{split.Episodes.Count} episodes");
        Assert.Equal([100_000, 50], whole.Episodes.Select(e => e.Length));
        Assert.Equal(split.Episodes.SelectMany(e => e.Floats(Maze2DFeatures.State).ToArray()),
            whole.Episodes.SelectMany(e => e.Floats(Maze2DFeatures.State).ToArray()));
    }

    [Fact]
    public void Unknown_maze_is_rejected_with_the_valid_names()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            var code = RobodiffApp.Build().Parse(["collect", "maze2d", "--maze", "tiny", "--steps", "10", "--out", Path.Combine(_dir, "x")]).Invoke();
            Assert.Equal(2, code);
        }
        finally { Console.SetError(saved); }
        Assert.Contains("Valid names: umaze, medium, large", error.ToString());
    }
}
