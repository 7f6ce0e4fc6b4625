namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>A disc; sdf(x) = ‖x − c‖ − r (torch_robotics primitives.py MultiSphereField).</summary>
public sealed record CircleObstacle(Point2 Center, double Radius) : IObstacle
{
    public double SignedDistance(Point2 p, out Point2 gradient)
    {
        var d = p - Center;
        var norm = d.Length;
        // At the centre the gradient is undefined; any unit vector is a valid subgradient.
        gradient = norm > 1e-12 ? (1 / norm) * d : new Point2(1, 0);
        return norm - Radius;
    }

    public (Point2 Min, Point2 Max) Bounds => (Center - new Point2(Radius, Radius), Center + new Point2(Radius, Radius));
}
