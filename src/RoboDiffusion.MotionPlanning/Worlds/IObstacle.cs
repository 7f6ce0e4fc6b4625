namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>An obstacle known by its signed distance field (negative inside) and the field's analytic gradient.</summary>
public interface IObstacle
{
    /// <summary>Signed distance from <paramref name="p"/> to the obstacle's surface; <paramref name="gradient"/> is ∇sdf(p).</summary>
    double SignedDistance(Point2 p, out Point2 gradient);

    /// <summary>Axis-aligned bounding box (min, max) of the obstacle, for drawing.</summary>
    (Point2 Min, Point2 Max) Bounds { get; }
}
