using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// Random shortcutting (Geraerts &amp; Overmars 2007, "Creating high-quality paths for motion planning"): pick two points
/// on the path and replace the stretch between them with a straight segment when that segment is collision free.
/// </summary>
public static class PathShortcutter
{
    public static List<Point2> Shortcut(World world, IReadOnlyList<Point2> path, int attempts, Random random)
    {
        var result = path.ToList();
        for (var k = 0; k < attempts && result.Count > 2; k++)
        {
            var i = random.Next(result.Count - 2);
            var j = random.Next(i + 2, result.Count);
            if (!world.IsSegmentFree(result[i], result[j])) continue;
            result.RemoveRange(i + 1, j - i - 1);
        }
        return result;
    }
}
