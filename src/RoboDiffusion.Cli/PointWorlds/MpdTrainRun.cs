using RoboDiffusion.Planners.Mpd;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>`method: mpd` of `robodiff train` (configs/mpd_*.yaml): an MPD trajectory prior's training and header lines.</summary>
internal static class MpdTrainRun
{
    public static MpdTraining Create(MpdTrainConfig config) => new(config);

    public static IEnumerable<(string, string)> Describe(MpdTrainConfig c, MpdTraining t)
    {
        var p = t.Planner.Config;
        yield return ("planner", $"H={p.Horizon}, {p.Objective.Schedule.NumTrainTimesteps} steps {p.Objective.Schedule.Schedule} β, U-Net [{string.Join(", ", p.Unet.DownDims)}], state {p.StateDim}");
    }
}
