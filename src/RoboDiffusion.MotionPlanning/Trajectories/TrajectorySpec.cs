namespace RoboDiffusion.MotionPlanning.Trajectories;

/// <summary>
/// The time grid of a trajectory, MPD's point-mass defaults: 64 support points over 5 s with dt = 5/64 (MPD
/// generate_data: dt = duration / n_support_points), checked for collisions at ceil(1.5·64) = 96 interpolated points.
/// </summary>
public sealed record TrajectorySpec
{
    public int SupportPoints { get; init; } = 64;      // H: states [x, y, vx, vy] per trajectory
    public double Duration { get; init; } = 5.0;       // seconds
    public int CollisionPoints { get; init; } = 96;    // positions the collision cost and checks look at

    /// <summary>Time between support points, Duration / SupportPoints as in MPD.</summary>
    public double Dt => Duration / SupportPoints;

    /// <summary>Length of a flattened trajectory: SupportPoints · 4.</summary>
    public int Size => SupportPoints * Trajectory.StateDim;

    public static TrajectorySpec Default { get; } = new();

    public TrajectorySpec Validated() =>
        SupportPoints >= 2 && CollisionPoints >= 2 && Duration > 0 && double.IsFinite(Duration) ? this
            : throw new ArgumentException($"Trajectory spec needs ≥ 2 support and collision points and a positive duration, got {this}.");
}
