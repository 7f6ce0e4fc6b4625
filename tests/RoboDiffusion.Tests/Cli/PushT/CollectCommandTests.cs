using RoboDiffusion.Cli;
using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Cli.PushT;

[Collection("Console")]
public sealed class CollectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("robodiff-collect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Collect(params string[] extra)
    {
        var output = Path.Combine(_dir, "pusht");
        var code = RobodiffApp.Build().Parse(["collect", "pusht", "--out", output, .. extra]).Invoke();
        Assert.Equal(0, code);
        return output;
    }

    [Fact]
    public void Collected_dataset_reads_back_with_the_pusht_features_and_one_episode_per_seed()
    {
        var data = LeRobotReader.Read(Collect("--episodes", "3", "--seed", "0", "--keep-failures")).Data;
        Assert.Equal(3, data.Episodes.Count);
        Assert.Equal(PushTFeatures.Fps, data.Fps);
        Assert.Equal(
            ["observation.state:2", "observation.environment_state:3", "observation.keypoints:18", "action:2",
             "next.reward:1", "next.done:1", "next.success:1"],
            data.Features.Select(f => $"{f.Name}:{string.Join("x", f.Shape)}"));
        foreach (var episode in data.Episodes)
        {   // next.done marks the last frame and only it: the frame count is the episode's length.
            var done = episode.Bools(PushTFeatures.Done);
            Assert.Equal(episode.Length, done.Length);
            Assert.True(done[^1]);
            Assert.DoesNotContain(true, done[..^1]);
            Assert.InRange(episode.Length, 1, 300);
        }
    }

    [Fact]
    public void Recorded_actions_replayed_from_the_same_seed_reproduce_the_recorded_poses_exactly()
    {   // The env is deterministic and the executed actions are the stored float32 values, so replay is bit-exact:
        // frame t holds the observation before action t, and the episode ends at the first coverage > 0.95.
        var data = LeRobotReader.Read(Collect("--episodes", "3", "--seed", "4", "--keep-failures")).Data;
        using var env = new PushTEnv();
        for (var e = 0; e < data.Episodes.Count; e++)
        {
            var episode = data.Episodes[e];
            var (agent, block, keypoints) = (episode.Floats(PushTFeatures.State), episode.Floats(PushTFeatures.EnvironmentState), episode.Floats(PushTFeatures.Keypoints));
            var (actions, rewards, success) = (episode.Floats(PushTFeatures.Action), episode.Floats(PushTFeatures.Reward), episode.Bools(PushTFeatures.Success));
            var observation = env.Reset(4 + e);
            for (var t = 0; t < episode.Length; t++)
            {
                var s = observation.State;
                Assert.Equal([(float)s[0], (float)s[1]], agent[(2 * t)..(2 * t + 2)]);
                Assert.Equal([(float)s[2], (float)s[3], (float)s[4]], block[(3 * t)..(3 * t + 3)]);
                Assert.Equal(observation.Keypoints[..18].Select(k => (float)k), keypoints[(18 * t)..(18 * t + 18)]);
                var step = env.Step([actions[2 * t], actions[2 * t + 1]]);
                Assert.Equal((float)step.Reward, rewards[t]);
                Assert.Equal(step.Info.Coverage > 0.95, success[t]);
                Assert.Equal(t == episode.Length - 1 && episode.Length < 300, success[t]);  // ends at the first success
                observation = step.Observation;
            }
        }
    }

    [Fact]
    public void Images_option_records_96_pixel_frames_equal_to_the_rendered_scene()
    {
        var data = LeRobotReader.Read(Collect("--episodes", "1", "--seed", "1", "--images")).Data;
        var spec = data.Feature(PushTFeatures.Image);
        Assert.Equal([96, 96, 3], spec.Shape);
        using var env = new PushTEnv();
        env.Reset(1);
        var pixels = data.Episodes[0].Pixels(PushTFeatures.Image);
        Assert.Equal(data.Episodes[0].Length * 96 * 96 * 3, pixels.Length);
        Assert.Equal(env.Render(96).Rgb, pixels[..(96 * 96 * 3)]);      // PNG is lossless: frame 0 is the reset scene
    }

    [Fact]
    public void Existing_output_folder_is_refused_without_overwrite()
    {
        var output = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(output);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, RobodiffApp.Build().Parse(["collect", "pusht", "--episodes", "1", "--out", output]).Invoke());
        }
        finally { Console.SetError(previous); }
        Assert.Contains("--overwrite", error.ToString());
    }
}
