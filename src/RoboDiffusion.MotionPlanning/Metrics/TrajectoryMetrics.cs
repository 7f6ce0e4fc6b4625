using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Metrics;

/// <summary>MPD's trajectory metrics (Carvalho et al., IROS 2023, Sec. V; torch_robotics trajectory/metrics.py).</summary>
public static class TrajectoryMetrics
{
    /// <summary>Path length Σ_i ‖p_{i+1} − p_i‖ over the support points.</summary>
    public static double PathLength(Trajectory t)
    {
        var total = 0.0;
        for (var i = 1; i < t.Length; i++) total += t.Position(i - 1).DistanceTo(t.Position(i));
        return total;
    }

    /// <summary>Smoothness Σ_i ‖v_{i+1} − v_i‖ (lower is smoother).</summary>
    public static double Smoothness(Trajectory t)
    {
        var total = 0.0;
        for (var i = 1; i < t.Length; i++) total += t.Velocity(i - 1).DistanceTo(t.Velocity(i));
        return total;
    }

    /// <summary>Diversity: for each support index the mean distance between every pair of trajectories, summed over indices; 0 for fewer than two.</summary>
    public static double WaypointVariance(IReadOnlyList<Trajectory> set)
    {
        if (set.Count < 2) return 0;
        var pairs = set.Count * (set.Count - 1) / 2.0;
        var total = 0.0;
        for (var h = 0; h < set[0].Length; h++)
        {
            var sum = 0.0;
            for (var a = 0; a < set.Count; a++)
                for (var b = a + 1; b < set.Count; b++) sum += set[a].Position(h).DistanceTo(set[b].Position(h));
            total += sum / pairs;
        }
        return total;
    }

    /// <summary>All metrics for the trajectories planned for one query.</summary>
    public static TrajectorySetMetrics Compute(World world, IReadOnlyList<Trajectory> set, TimeSpan planningTime)
    {
        var free = set.Select(t => TrajectoryCollision.IsFree(world, t)).ToArray();
        var freeSet = set.Where((_, i) => free[i]).ToList();
        var best = -1;
        for (var i = 0; i < set.Count; i++)
            if (free[i] && (best < 0 || Score(set[i]) < Score(set[best]))) best = i;
        return new TrajectorySetMetrics(
            set.Count,
            freeSet.Count > 0,
            set.Count == 0 ? 0 : freeSet.Count / (double)set.Count,
            set.Count == 0 ? 0 : set.Average(t => TrajectoryCollision.CollisionIntensity(world, t)),
            freeSet.Count == 0 ? double.NaN : freeSet.Average(PathLength),
            freeSet.Count == 0 ? double.NaN : freeSet.Average(Smoothness),
            WaypointVariance(freeSet),
            planningTime,
            best);
    }

    /// <summary>MPD's selection score: path length + smoothness.</summary>
    public static double Score(Trajectory t) => PathLength(t) + Smoothness(t);
}
