namespace RoboDiffusion.MotionPlanning.Metrics;

/// <summary>
/// MPD's metrics for the trajectories produced for one query (torch_robotics trajectory/metrics.py). Length, smoothness
/// and variance are over the collision-free trajectories (NaN when there is none).
/// </summary>
public sealed record TrajectorySetMetrics(
    int Count,                  // trajectories produced
    bool Success,               // at least one is collision free
    double FractionFree,        // collision-free / produced
    double CollisionIntensity,  // mean fraction of colliding collision points
    double PathLength,          // mean Σ‖Δq‖
    double Smoothness,          // mean Σ‖Δv‖
    double WaypointVariance,    // diversity: Σ over waypoints of the mean pairwise distance
    TimeSpan PlanningTime,
    int BestIndex);             // the free trajectory with the least length + smoothness (MPD's choice), −1 if none
