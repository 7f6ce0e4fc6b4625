using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Trajectories;

/// <summary>Builds trajectories: straight lines, paths resampled by arc length, finite-difference velocities.</summary>
public static class TrajectoryBuilder
{
    /// <summary>H points evenly spaced from start to goal, constant velocity (goal − start)/T at every support point.</summary>
    public static Trajectory StraightLine(Point2 start, Point2 goal, TrajectorySpec spec)
    {
        var n = spec.SupportPoints;
        var states = new double[spec.Size];
        var v = 1 / (spec.Dt * (n - 1)) * (goal - start);
        for (var i = 0; i < n; i++)
            Set(states, i, start.Lerp(goal, (double)i / (n - 1)), v);
        return new Trajectory(states, spec);
    }

    /// <summary>
    /// The straight line plus a seeded smooth random bend Σ_{m=1..3} a_m sin(mπs) per axis, a_m ~ N(0, amplitude²), which
    /// keeps start and goal fixed (a cheap stand-in for sampling the GP prior to initialise optimisers).
    /// </summary>
    public static Trajectory PerturbedLine(Point2 start, Point2 goal, TrajectorySpec spec, double amplitude, Random random)
    {
        var line = StraightLine(start, goal, spec);
        if (amplitude == 0) return line;
        var a = new double[6];
        for (var j = 0; j < a.Length; j++)
            a[j] = amplitude * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var states = line.States;
        for (var i = 0; i < spec.SupportPoints; i++)
        {
            var s = (double)i / (spec.SupportPoints - 1);
            for (var m = 1; m <= 3; m++)
            {
                states[Trajectory.StateDim * i] += a[m - 1] * Math.Sin(m * Math.PI * s);
                states[Trajectory.StateDim * i + 1] += a[m + 2] * Math.Sin(m * Math.PI * s);
            }
        }
        SetFiniteDifferenceVelocities(states, spec);
        return line;
    }

    /// <summary>
    /// A polyline resampled to H support points spread by arc length, with finite-difference velocities
    /// (<see cref="SetFiniteDifferenceVelocities"/>) except at the two ends, which are at rest as the planning problem
    /// states (start and goal at rest, as MPD's and GPMP2's trajectories are; without it a path's smoothness Σ‖Δv‖ would
    /// leave out the acceleration from and to rest that every other planner pays): the conversion MPD's hybrid planner
    /// applies to RRT-Connect paths, before GPMP2.
    /// Every vertex of the path is kept as a support point (when there are fewer than H), so the trajectory's polyline is
    /// the path itself and stays as collision free as the path; each segment gets a share of the H − 1 intervals
    /// proportional to its length (at least one).
    /// </summary>
    public static Trajectory FromPath(IReadOnlyList<Point2> path, TrajectorySpec spec)
    {
        if (path.Count == 0) throw new ArgumentException("Cannot build a trajectory from an empty path.");
        var vertices = new List<Point2> { path[0] };
        foreach (var p in path.Skip(1))
            if (p.DistanceTo(vertices[^1]) > 1e-12) vertices.Add(p);
        var intervals = spec.SupportPoints - 1;
        var states = new double[spec.Size];
        if (vertices.Count == 1)
            for (var k = 0; k < spec.SupportPoints; k++) Set(states, k, vertices[0], default);
        else
        {
            var share = vertices.Count - 1 <= intervals ? Shares(vertices, intervals) : null;
            var k = 0;
            for (var j = 0; j < vertices.Count - 1 && share is not null; j++)
                for (var t = 0; t < share[j]; t++) Set(states, k++, vertices[j].Lerp(vertices[j + 1], (double)t / share[j]), default);
            if (share is null) ResampleUniformly(vertices, states, spec.SupportPoints);
            Set(states, intervals, vertices[^1], default);
        }
        SetFiniteDifferenceVelocities(states, spec);
        Set(states, 0, vertices[0], default);
        Set(states, intervals, vertices[^1], default);
        return new Trajectory(states, spec);
    }

    /// <summary>Intervals per segment: 1 + a largest-remainder split of the rest proportional to segment length.</summary>
    private static int[] Shares(List<Point2> vertices, int intervals)
    {
        var m = vertices.Count - 1;
        var lengths = Enumerable.Range(0, m).Select(j => vertices[j].DistanceTo(vertices[j + 1])).ToArray();
        var total = lengths.Sum();
        var ideal = lengths.Select(l => (intervals - m) * l / total).ToArray();
        var share = ideal.Select(v => 1 + (int)Math.Floor(v)).ToArray();
        var order = Enumerable.Range(0, m).OrderByDescending(j => ideal[j] - Math.Floor(ideal[j])).ThenBy(j => j).ToArray();
        var remaining = intervals - share.Sum();
        for (var r = 0; r < remaining; r++) share[order[r % m]]++;
        return share;
    }

    /// <summary>Support points evenly spaced by arc length (vertices may be cut; used only for paths with ≥ H vertices).</summary>
    private static void ResampleUniformly(List<Point2> vertices, double[] states, int n)
    {
        var cumulative = new double[vertices.Count];
        for (var i = 1; i < vertices.Count; i++) cumulative[i] = cumulative[i - 1] + vertices[i - 1].DistanceTo(vertices[i]);
        var segment = 0;
        for (var k = 0; k < n; k++)
        {
            var s = cumulative[^1] * k / (n - 1);
            while (segment < vertices.Count - 2 && cumulative[segment + 1] < s) segment++;
            var length = cumulative[segment + 1] - cumulative[segment];
            Set(states, k, vertices[segment].Lerp(vertices[segment + 1], Math.Clamp((s - cumulative[segment]) / length, 0, 1)), default);
        }
    }

    /// <summary>Velocities by central differences (one-sided at the ends) of the positions in flat <paramref name="states"/>.</summary>
    public static void SetFiniteDifferenceVelocities(double[] states, TrajectorySpec spec)
    {
        var (n, d) = (spec.SupportPoints, Trajectory.StateDim);
        for (var i = 0; i < n; i++)
        {
            var (lo, hi) = (Math.Max(i - 1, 0), Math.Min(i + 1, n - 1));
            var h = (hi - lo) * spec.Dt;
            states[d * i + 2] = (states[d * hi] - states[d * lo]) / h;
            states[d * i + 3] = (states[d * hi + 1] - states[d * lo + 1]) / h;
        }
    }

    /// <summary>The trajectory's positions interpolated at the spec's collision points.</summary>
    public static Point2[] CollisionPoints(Trajectory trajectory)
    {
        var interpolation = CollisionInterpolation.For(trajectory.Spec);
        return [.. Enumerable.Range(0, interpolation.Count).Select(k => interpolation.Point(trajectory.States, k))];
    }

    internal static void Set(double[] states, int i, Point2 p, Point2 v)
    {
        var a = Trajectory.StateDim * i;
        (states[a], states[a + 1], states[a + 2], states[a + 3]) = (p.X, p.Y, v.X, v.Y);
    }
}
