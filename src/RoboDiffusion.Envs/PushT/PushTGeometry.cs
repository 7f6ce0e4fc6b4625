using RoboDiffusion.Envs.Geometry;

namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// The fixed geometry of Push-T (Chi et al., RSS 2023; real-stanford/diffusion_policy <c>pusht_env.py</c>): the T block's
/// two boxes in body coordinates (its origin is the bottom-edge centre of the bar), the goal pose and the 9 keypoints.
/// </summary>
public static class PushTGeometry
{
    /// <summary>World size in pixels: bodies, actions and observations live in [0, 512]².</summary>
    public const double WindowSize = 512;

    /// <summary>Agent circle radius.</summary>
    public const double AgentRadius = 15;

    /// <summary>Wall segments: (5,506)-(5,5), (5,5)-(506,5), (506,5)-(506,506), (5,506)-(506,506), each of radius 2.</summary>
    public static readonly (Point2 A, Point2 B)[] Walls =
    [
        (new(5, 506), new(5, 5)), (new(5, 5), new(506, 5)), (new(506, 5), new(506, 506)), (new(5, 506), new(506, 506)),
    ];

    /// <summary>Radius of the wall segments.</summary>
    public const double WallRadius = 2;

    /// <summary>The bar, 120 × 30: add_tee(scale=30, length=4), vertices1.</summary>
    public static readonly Point2[] Bar = [new(-60, 30), new(60, 30), new(60, 0), new(-60, 0)];

    /// <summary>The stem, 30 × 90: vertices2.</summary>
    public static readonly Point2[] Stem = [new(-15, 30), new(-15, 120), new(15, 120), new(15, 30)];

    /// <summary>Area of the T: 120·30 + 30·90.</summary>
    public const double Area = 6300;

    /// <summary>
    /// Centre of gravity of the original: the plain mean of the two boxes' centroids ((0,15) + (0,75)) / 2, not the
    /// area-weighted centroid (0, 40.71).
    /// </summary>
    public static readonly Point2 CenterOfGravity = new(0, 45);

    /// <summary>Goal pose (x, y, θ) = (256, 256, π/4).</summary>
    public static readonly (double X, double Y, double Angle) GoalPose = (256, 256, Math.PI / 4);

    /// <summary>
    /// The 9 block keypoints in body coordinates. The original picks them at start-up by farthest-point sampling over
    /// the rendered T mask with a random first point, so its values depend on the rasteriser. Here they were chosen
    /// once, offline, by farthest-point sampling over the centres of the 1×1 cells covering the T, starting from the
    /// cell nearest the area centroid (0, 40.71), and are fixed.
    /// </summary>
    public static readonly Point2[] Keypoints =
    [
        new(-0.5, 40.5), new(14.5, 119.5), new(59.5, 0.5), new(-59.5, 0.5), new(-14.5, 84.5),
        new(15.5, 0.5), new(-22.5, 9.5), new(37.5, 29.5), new(14.5, 69.5),
    ];

    /// <summary>The two boxes of a T whose body origin is at (x, y) and rotated by <paramref name="angle"/>.</summary>
    public static (Point2[] Bar, Point2[] Stem) WorldPolygons(double x, double y, double angle) =>
        (Transform(Bar, x, y, angle), Transform(Stem, x, y, angle));

    /// <summary>The goal T in world coordinates.</summary>
    public static (Point2[] Bar, Point2[] Stem) GoalPolygons() => WorldPolygons(GoalPose.X, GoalPose.Y, GoalPose.Angle);

    /// <summary>
    /// Coverage = area(block ∩ goal) / area(goal). Bar and stem only share an edge, so the intersection of the two T's
    /// is the sum of the four convex piece-by-piece intersections, each exact up to rounding.
    /// </summary>
    public static double Coverage(double x, double y, double angle)
    {
        var (bar, stem) = WorldPolygons(x, y, angle);
        var (goalBar, goalStem) = GoalPolygons();
        var overlap = Polygons.IntersectionArea(bar, goalBar) + Polygons.IntersectionArea(bar, goalStem)
                    + Polygons.IntersectionArea(stem, goalBar) + Polygons.IntersectionArea(stem, goalStem);
        return overlap / (Polygons.Area(goalBar) + Polygons.Area(goalStem));
    }

    /// <summary>Keypoints in world coordinates, as [x0, y0, x1, y1, ...] (18 values).</summary>
    public static double[] WorldKeypoints(double x, double y, double angle)
    {
        var result = new double[Keypoints.Length * 2];
        for (var i = 0; i < Keypoints.Length; i++)
        {
            var p = Keypoints[i].Transform(angle, new(x, y));
            result[2 * i] = p.X;
            result[2 * i + 1] = p.Y;
        }
        return result;
    }

    private static Point2[] Transform(Point2[] local, double x, double y, double angle) =>
        [.. local.Select(p => p.Transform(angle, new(x, y)))];
}
