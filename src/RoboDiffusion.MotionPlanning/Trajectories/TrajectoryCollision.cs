using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Trajectories;

/// <summary>Collision checks of whole trajectories against a world.</summary>
public static class TrajectoryCollision
{
    /// <summary>
    /// True when the trajectory's polyline through its support points stays in the workspace and clear of obstacles
    /// (exact check, <see cref="World.IsSegmentFree"/>). This includes MPD's test on the ceil(1.5·H) interpolated points
    /// (they lie on that polyline) and also catches obstacles between them.
    /// </summary>
    public static bool IsFree(World world, Trajectory trajectory) => world.IsPathFree(trajectory.Positions());

    /// <summary>Fraction of collision points that lie inside obstacles or outside the workspace (MPD's collision intensity).</summary>
    public static double CollisionIntensity(World world, Trajectory trajectory)
    {
        var points = TrajectoryBuilder.CollisionPoints(trajectory);
        return points.Count(p => !world.IsFree(p)) / (double)points.Length;
    }
}
