using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.MotionPlanning.Datasets;

namespace RoboDiffusion.Tests.Cli.PointWorlds;

public sealed class MpdCollectCommandTests
{
    [Fact]
    public void Collect_mpd_writes_one_64_frame_episode_per_kept_trajectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"rd-mpd-{Guid.NewGuid():N}");
        try
        {
            var code = MpdCollectCommand.Run("simple2d", new ContextGeneratorOptions { Contexts = 2, PerContext = 2, Seed = 1 }, dir, false, TextWriter.Null);
            Assert.Equal(0, code);
            var data = LeRobotReader.Read(dir).Data;
            Assert.InRange(data.Episodes.Count, 1, 4);
            Assert.All(data.Episodes, e => Assert.Equal(64, e.Length));
            Assert.Equal(4, data.Feature(MpdFeatures.State).Size);
            Assert.True(File.Exists(Path.Combine(dir, "meta", "mpd.json")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
