using RoboDiffusion.Envs.Geometry;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Envs.Geometry;

public sealed class PolygonsTests
{
    private static readonly Point2[] UnitSquare = [new(0, 0), new(1, 0), new(1, 1), new(0, 1)];

    [Fact]
    public void T_block_area_is_6300_in_any_pose()
    {
        var (bar, stem) = PushTGeometry.WorldPolygons(123.4, 321.0, 2.2);
        Assert.Equal(6300, Polygons.Area(bar) + Polygons.Area(stem), 9);
    }

    [Fact]
    public void Overlapping_squares_intersect_in_a_quarter_for_either_orientation()
    {
        Point2[] shifted = [new(0.5, 0.5), new(1.5, 0.5), new(1.5, 1.5), new(0.5, 1.5)];
        Assert.Equal(0.25, Polygons.IntersectionArea(UnitSquare, shifted), 12);
        Assert.Equal(0.25, Polygons.IntersectionArea([.. UnitSquare.Reverse()], [.. shifted.Reverse()]), 12);
    }

    [Fact]
    public void Square_and_its_45_degree_rotation_overlap_in_a_regular_octagon()
    {   // Unit square and the same square turned 45° about its centre share a regular octagon of area 2(√2 − 1).
        var c = new Point2(0.5, 0.5);
        var rotated = UnitSquare.Select(p => (p - c).Transform(Math.PI / 4, c)).ToArray();
        Assert.Equal(2 * (Math.Sqrt(2) - 1), Polygons.IntersectionArea(UnitSquare, rotated), 12);
    }

    [Fact]
    public void Disjoint_polygons_have_zero_intersection()
    {
        Point2[] far = [new(5, 5), new(6, 5), new(6, 6)];
        Assert.Equal(0, Polygons.IntersectionArea(UnitSquare, far));
    }

    [Fact]
    public void Coverage_is_one_at_the_goal_and_zero_far_away()
    {
        var (x, y, a) = PushTGeometry.GoalPose;
        Assert.Equal(1.0, PushTGeometry.Coverage(x, y, a), 12);
        Assert.Equal(0.0, PushTGeometry.Coverage(60, 60, 0));
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(25.0)]
    public void Sliding_the_block_along_its_bar_leaves_the_analytic_overlap(double d)
    {   // Bar overlap (120 − d)·30, stem overlap (30 − d)·90; bar and stem of different T's only touch along y = 30.
        var (gx, gy, a) = PushTGeometry.GoalPose;
        var shift = new Point2(d, 0).Transform(a, new(gx, gy));
        var expected = ((120 - d) * 30 + (30 - d) * 90) / 6300;
        Assert.Equal(expected, PushTGeometry.Coverage(shift.X, shift.Y, a), 12);
    }
}
