using RoboDiffusion.Cli;
using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.Data.Io;

namespace RoboDiffusion.Tests.Cli.PointWorlds;

public sealed class PointsPlanCommandTests
{
    [Fact]
    public void Plan_points_writes_a_picture_and_a_64_by_4_float32_trajectory()
    {
        var dir = Directory.CreateTempSubdirectory("rd-points-");
        try
        {
            var (png, npy) = (Path.Combine(dir.FullName, "plan.png"), Path.Combine(dir.FullName, "traj.npy"));
            var code = PointsPlanCommand.Run(new PointsPlanSettings("dense2d", (-0.9, -0.9), (0.9, 0.75), "hybrid", 2, 0, 10, png, npy), TextWriter.Null);
            Assert.Equal(0, code);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
            var array = NpyFile.Read(npy);
            Assert.Equal([64L, 4L], array.Shape);
            var data = array.Get<float>();
            Assert.Equal(-0.9f, data[0], 3);
            Assert.Equal(0.75f, data[63 * 4 + 1], 3);
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData("dense2d", -0.4338, 0.3335, "inside an obstacle")]
    [InlineData("dense2d", 1.5, 0.0, "outside the workspace")]
    [InlineData("forest", 0.0, 0.0, "simple2d")]
    public void Bad_queries_exit_with_code_2_and_a_clear_message(string env, double x, double y, string message)
    {
        var error = new StringWriter();
        var code = CliErrors.Guard("plan points", () => PointsPlanCommand.Run(
            new PointsPlanSettings(env, (x, y), (0.9, 0.75), "rrtconnect", 1, 0, 1, null, null), TextWriter.Null), error);
        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString());
    }
}
