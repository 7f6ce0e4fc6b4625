using RoboDiffusion.Data;
using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// Cuts a collected stream into episodes with Diffuser's rule (<see cref="Maze2DSegments"/>), or only every
/// <see cref="UnsplitEpisodeSteps"/> steps, and builds the LeRobot episodes.
/// </summary>
internal static class Maze2DDatasetBuilder
{
    /// <summary>Episode length without the goal split: LeRobot's float32 time stamps count ≈ 204,000 frames at 100 fps.</summary>
    public const int UnsplitEpisodeSteps = 100_000;

    public static EpisodeDataset Build(IReadOnlyList<Maze2DTransition> stream, (double X, double Y) goal, bool splitAtGoalExit = true)
    {
        var positions = stream.Select(s => (s.Observation[0], s.Observation[1])).ToList();
        var segments = splitAtGoalExit
            ? Maze2DSegments.Split(positions, goal)
            : [.. Enumerable.Range(0, (stream.Count + UnsplitEpisodeSteps - 1) / UnsplitEpisodeSteps)
                .Select(k => (Start: k * UnsplitEpisodeSteps, Length: Math.Min(UnsplitEpisodeSteps, stream.Count - k * UnsplitEpisodeSteps)))];
        var episodes = segments.Select(seg => Episode(stream, seg.Start, seg.Length)).ToList();
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
