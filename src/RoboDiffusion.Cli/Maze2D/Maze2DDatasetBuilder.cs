using RoboDiffusion.Data;
using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>Cuts a collected stream into episodes with Diffuser's rule (<see cref="Maze2DSegments"/>) and builds the LeRobot episodes.</summary>
internal static class Maze2DDatasetBuilder
{
    public static EpisodeDataset Build(IReadOnlyList<Maze2DTransition> stream, (double X, double Y) goal)
    {
        var positions = stream.Select(s => (s.Observation[0], s.Observation[1])).ToList();
        var episodes = Maze2DSegments.Split(positions, goal).Select(seg => Episode(stream, seg.Start, seg.Length)).ToList();
        return new EpisodeDataset(Maze2DFeatures.Fps, Maze2DFeatures.Create(), episodes, Maze2DFeatures.RobotType);
    }

    private static Episode Episode(IReadOnlyList<Maze2DTransition> stream, int start, int length)
    {
        var builder = new EpisodeBuilder(Maze2DFeatures.Create(), Maze2DFeatures.Task);
        for (var t = start; t < start + length; t++)
        {
            var s = stream[t];
            builder.Append(Maze2DFeatures.State, s.Observation.AsSpan());
            builder.Append(Maze2DFeatures.Goal, new[] { s.Target.X, s.Target.Y }.AsSpan());
            builder.Append(Maze2DFeatures.Action, s.Action.AsSpan());
            builder.Append(Maze2DFeatures.Reward, new[] { s.Reward }.AsSpan());
            builder.Append(Maze2DFeatures.Done, t == start + length - 1);
        }
        return builder.Build();
    }
}
