using RoboDiffusion.Tests.Planners.Mpd;

namespace RoboDiffusion.Tests.Cli.PointWorlds;

/// <summary>Two baby MPD planner folders trained 2 steps on a tiny simple2d dataset: horizon 64 (usable) and 32 (wrong).</summary>
public sealed class MpdPolicyFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"rd-mpd-cli-{Guid.NewGuid():N}");

    public MpdPolicyFixture()
    {
        var data = TinyMpd.Dataset(Path.Combine(_root, "data"));
        Policy = Train(data, "h64", 64);
        ShortPolicy = Train(data, "h32", 32);
    }

    public string Policy { get; }
    public string ShortPolicy { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    private string Train(string data, string name, int horizon)
    {
        using var training = TinyMpd.Training(data, Path.Combine(_root, name), steps: 2, horizon: horizon);
        return training.Run().Checkpoint!;
    }
}
