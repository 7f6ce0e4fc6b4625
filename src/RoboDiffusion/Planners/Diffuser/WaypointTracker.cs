namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Diffuser's Maze2D controller (jannerm/diffuser scripts/plan_maze2d.py): at step t, with the plan's observations
/// w_0 … w_{H−1} and the current state s = (x, y, vx, vy), a = (w_{t+1} − s)_pos + (w_{t+1} − s)_vel, clipped to
/// [−1, 1]. After the plan ends it holds the last waypoint with zero velocity.
/// </summary>
public sealed class WaypointTracker
{
    private readonly double[][] _waypoints;

    /// <param name="waypoints">Planned observations (x, y, vx, vy), one per step, at least one.</param>
    public WaypointTracker(IReadOnlyList<double[]> waypoints)
    {
        if (waypoints.Count == 0) throw new ArgumentException("A plan needs at least one waypoint.", nameof(waypoints));
        foreach (var w in waypoints)
            if (w.Length != 4 || w.Any(v => !double.IsFinite(v)))
                throw new ArgumentException("Every waypoint must be 4 finite values (x, y, vx, vy).", nameof(waypoints));
        _waypoints = [.. waypoints.Select(w => (double[])w.Clone())];
    }

    /// <summary>Number of waypoints.</summary>
    public int Count => _waypoints.Length;

    /// <summary>The planned observations (x, y, vx, vy), read-only.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Waypoints => [.. _waypoints.Select(w => Array.AsReadOnly(w))];

    /// <summary>The waypoint tracked at step t: w_{t+1}, or the last one with zero velocity once the plan is used up.</summary>
    public double[] Target(int t)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t), t, "The step must be ≥ 0.");
        if (t < _waypoints.Length - 1) return _waypoints[t + 1];
        var last = _waypoints[^1];
        return [last[0], last[1], 0, 0];
    }

    /// <summary>The action at step t from state (x, y, vx, vy).</summary>
    public double[] Act(int t, ReadOnlySpan<double> state)
    {
        if (state.Length != 4) throw new ArgumentException($"The state must be (x, y, vx, vy), got {state.Length} values.", nameof(state));
        var w = Target(t);
        return [Math.Clamp(w[0] - state[0] + (w[2] - state[2]), -1, 1), Math.Clamp(w[1] - state[1] + (w[3] - state[3]), -1, 1)];
    }
}
