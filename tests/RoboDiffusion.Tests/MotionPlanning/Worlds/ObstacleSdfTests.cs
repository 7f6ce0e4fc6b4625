using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Worlds;

public sealed class ObstacleSdfTests
{
    private static readonly BoxObstacle Box = new(new Point2(0, 0), new Point2(0.2, 0.2));   // h = 0.1, rounding r = 0.03

    [Fact]
    public void Circle_sdf_is_distance_to_centre_minus_radius()
    {
        var circle = new CircleObstacle(new Point2(1, 1), 0.5);
        Assert.Equal(5 - 0.5, circle.SignedDistance(new Point2(4, 5), out var g), 12);    // 3-4-5 triangle
        Assert.Equal(0.6, g.X, 12);
        Assert.Equal(0.8, g.Y, 12);
        Assert.Equal(0.1 - 0.5, circle.SignedDistance(new Point2(1.1, 1), out _), 12);   // inside
    }

    [Fact]
    public void Rounded_box_outside_a_face_measures_distance_to_that_face()
    {   // q = (0.3 − 0.1 + 0.03, −0.07): sdf = 0.23 − 0.03 = 0.2, the distance to the face x = 0.1.
        Assert.Equal(0.2, Box.SignedDistance(new Point2(0.3, 0), out var g), 12);
        Assert.Equal(new Point2(1, 0), g);
    }

    [Fact]
    public void Rounded_box_inside_is_minus_distance_to_the_nearest_face()
    {   // q = (−0.02, −0.07): sdf = max(q) − r = −0.05.
        Assert.Equal(-0.05, Box.SignedDistance(new Point2(0.05, 0), out var g), 12);
        Assert.Equal(new Point2(1, 0), g);
        Assert.Equal(-0.04, Box.SignedDistance(new Point2(0.0, -0.06), out g), 12);
        Assert.Equal(new Point2(0, -1), g);
    }

    [Fact]
    public void Rounded_box_corner_is_distance_to_the_rounding_arc()
    {   // The corner arc has centre (0.07, 0.07) and radius 0.03; from (−0.2, 0.2) that is 0.13·√2 − 0.03 away.
        Assert.Equal(0.13 * Math.Sqrt(2) - 0.03, Box.SignedDistance(new Point2(-0.2, 0.2), out var g), 12);
        Assert.Equal(-1 / Math.Sqrt(2), g.X, 12);
        Assert.Equal(1 / Math.Sqrt(2), g.Y, 12);
    }

    [Theory]
    [InlineData(0.31, 0.17)]
    [InlineData(-0.05, 0.02)]
    [InlineData(-0.4, -0.33)]
    [InlineData(0.12, -0.11)]
    public void World_sdf_gradient_matches_central_differences(double x, double y)
    {
        var world = new World("w", [Box, new CircleObstacle(new Point2(-0.5, -0.4), 0.2), new BoxObstacle(new Point2(0.4, 0.3), new Point2(0.3, 0.1))]);
        const double h = 1e-6;
        world.SignedDistance(new Point2(x, y), out var g);
        var gx = (world.SignedDistance(new Point2(x + h, y)) - world.SignedDistance(new Point2(x - h, y))) / (2 * h);
        var gy = (world.SignedDistance(new Point2(x, y + h)) - world.SignedDistance(new Point2(x, y - h))) / (2 * h);
        Assert.Equal(gx, g.X, 6);
        Assert.Equal(gy, g.Y, 6);
    }

    [Fact]
    public void IsFree_respects_robot_margin_and_workspace_limits()
    {
        var world = new World("w", [new CircleObstacle(new Point2(0, 0), 0.5)], robotMargin: 0.01);
        Assert.False(world.IsFree(new Point2(0.505, 0)));   // sdf 0.005 < margin
        Assert.True(world.IsFree(new Point2(0.52, 0)));
        Assert.False(world.IsFree(new Point2(1.01, 0.9)));
        Assert.False(world.IsSegmentFree(new Point2(-0.9, 0), new Point2(0.9, 0)));
        Assert.True(world.IsSegmentFree(new Point2(-0.9, 0.8), new Point2(0.9, 0.8)));
    }

    [Fact]
    public void Segment_check_catches_an_obstacle_between_sample_points()
    {   // The segment y = 0 passes 0.011 − 0.002 = 0.009 < margin from the dot, but the points x = 0 and x = 0.01 both
        // keep √(0.005² + 0.011²) − 0.002 ≈ 0.01008 > margin: sampling every 0.01 would call it free.
        var world = new World("dot", [new CircleObstacle(new Point2(0.005, 0.011), 0.002)], robotMargin: 0.01);
        Assert.True(world.IsFree(new Point2(0, 0)) && world.IsFree(new Point2(0.01, 0)));
        Assert.False(world.IsSegmentFree(new Point2(-0.5, 0), new Point2(0.5, 0)));
        Assert.True(world.IsSegmentFree(new Point2(-0.5, -0.002), new Point2(0.5, -0.002)));   // 0.011 clearance
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(0.2)]
    public void Sdf_below_a_cutoff_equals_the_full_sdf_there_and_stays_above_it_elsewhere(double cutoff)
    {   // Every obstacle (discs and rounded boxes) lies in its bounding box, so the skipped ones are at least the cutoff away.
        var world = WorldRegistry.Load("dense2d");
        for (var x = -1.0; x <= 1.0; x += 0.0125)
            for (var y = -1.0; y <= 1.0; y += 0.0125)
            {
                var p = new Point2(x, y);
                var full = world.SignedDistance(p, out var g);
                var below = world.SignedDistanceBelow(p, cutoff, out var gb);
                if (full < cutoff)
                {
                    Assert.Equal(full, below);
                    Assert.Equal(g, gb);
                }
                else Assert.True(below >= cutoff, $"at {p}: {below} below the cutoff, the sdf is {full}");
            }
    }
}
