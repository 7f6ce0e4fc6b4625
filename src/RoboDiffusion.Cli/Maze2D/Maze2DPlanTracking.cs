using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// How a plan-once episode's plan and the ball following it behaved: the first waypoint inside the goal radius (−1 = none);
/// the ball's distance from the plan's last waypoint at step H − 1, when that waypoint is due (null if the episode ends
/// first); the RMS disagreement between the plan's velocities and its own position increments; and the plan's top speed
/// along an axis, the env's velocity clip being per axis.
/// Both plan measures use 8-step windows, which average out the step-to-step jitter of sampled positions.
/// </summary>
internal sealed record Maze2DPlanTracking(int PlanArrivalStep, double? LagAtPlanEnd, double VelocityMismatch, double MaxSpeed)
{
    /// <summary>Steps per window of <see cref="VelocityMismatch"/> and <see cref="MaxSpeed"/>.</summary>
    public const int Window = 8;

    /// <summary>
    /// The first step from which plan <paramref name="positions"/> stays within <paramref name="goalRadius"/> of the goal:
    /// when the plan has arrived for good. A plan that starts at its goal and wanders off before coming back settles on its return.
    /// </summary>
    public static int SettleStep(IReadOnlyList<(double X, double Y)> positions, (double X, double Y) goal, double goalRadius)
    {
        var h = positions.Count - 1;
        while (h > 0 && Maze2DGeometry.Length(positions[h - 1].X - goal.X, positions[h - 1].Y - goal.Y) <= goalRadius) h--;
        return h;
    }

    /// <summary>
    /// Measures plan <paramref name="waypoints"/> (x, y, vx, vy) toward <paramref name="goal"/>. MuJoCo's Euler step moves
    /// the position by dt·v with the new velocity, so over any window p_{h+k} − p_h = dt·Σ v_{h+1…h+k} holds exactly in
    /// the data; a plan that breaks it carries the tracker's velocity term ahead of or behind its positions. A top speed
    /// above the env's clip (5 per axis, plus one step's acceleration) is a plan the ball cannot follow.
    /// </summary>
    public static Maze2DPlanTracking Of(IReadOnlyList<IReadOnlyList<double>> waypoints, (double X, double Y) goal, double goalRadius,
        double? lagAtPlanEnd)
    {
        var w = waypoints;
        var arrival = Enumerable.Range(0, w.Count).FirstOrDefault(h => Maze2DGeometry.Length(w[h][0] - goal.X, w[h][1] - goal.Y) <= goalRadius, -1);
        var (squares, windows, top, span) = (0.0, 0, 0.0, Window * Maze2DModelXml.Timestep);
        for (var h = 0; h + Window < w.Count; h++, windows++)
        {
            var (ux, uy) = ((w[h + Window][0] - w[h][0]) / span, (w[h + Window][1] - w[h][1]) / span);
            var (vx, vy) = (0.0, 0.0);
            for (var j = h + 1; j <= h + Window; j++) (vx, vy) = (vx + w[j][2] / Window, vy + w[j][3] / Window);
            squares += (ux - vx) * (ux - vx) + (uy - vy) * (uy - vy);
            top = Math.Max(top, Math.Max(Math.Abs(ux), Math.Abs(uy)));
        }
        return new(arrival, lagAtPlanEnd, windows == 0 ? 0 : Math.Sqrt(squares / windows), top);
    }
}
