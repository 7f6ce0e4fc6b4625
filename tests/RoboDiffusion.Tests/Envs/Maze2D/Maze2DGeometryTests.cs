using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Tests.Envs.Maze2D;

public sealed class Maze2DGeometryTests
{
    // U-Maze rows (x = row): "#####", "#GOO#", "###O#", "#OOO#", "#####"; cell (i, j) spans qpos [i − 0.7, i + 0.3] × [j − 0.7, j + 0.3].
    private static readonly MazeLayout UMaze = Maze2DLayouts.Layout(Maze2DMaze.UMaze);

    [Fact]
    public void Cells_span_d4rl_offsets_so_a_wall_begins_0_3_past_a_free_cells_coordinates()
    {
        Assert.True(Maze2DGeometry.IsFree(UMaze, 1.29, 1.0, radius: 0));    // goal cell (1, 1) ends at x = 1.3 …
        Assert.False(Maze2DGeometry.IsFree(UMaze, 1.31, 1.0, radius: 0));   // … where wall (2, 1) begins
        Assert.True(Maze2DGeometry.IsFree(UMaze, 2.0, 3.0, radius: 0));     // (2, 3) is the U's free bend
    }

    [Fact]
    public void A_ball_whose_centre_is_free_can_still_overlap_a_wall()
    {
        // Centre at y = 0.35: 0.05 from wall (1, 0), which ends at y = 0.3; the ball's radius is 0.1.
        Assert.True(Maze2DGeometry.IsFree(UMaze, 1.0, 0.35, radius: 0));
        Assert.False(Maze2DGeometry.IsFree(UMaze, 1.0, 0.35));
        Assert.True(Maze2DGeometry.IsFree(UMaze, 1.0, 0.45));
    }

    [Fact]
    public void A_path_through_the_inner_wall_enters_it_and_the_path_around_the_u_does_not()
    {
        var across = Line((3, 1), (1, 1), 100);                                                  // straight up through wall (2, 1)
        var around = Line((3, 1), (3, 3), 50).Concat(Line((3, 3), (1, 3), 50)).Concat(Line((1, 3), (1, 1), 50));
        Assert.True(Maze2DGeometry.EntersWall(UMaze, across));
        Assert.False(Maze2DGeometry.EntersWall(UMaze, around));
        Assert.True(Maze2DGeometry.EntersWall(UMaze, [(3.0, 1.0), (1.0, 1.0)]));                  // one jump across the wall
        Assert.False(Maze2DGeometry.EntersWall(UMaze, [(3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0)]));
        Assert.True(Maze2DGeometry.EntersWall(UMaze, [(1.0, 1.0), (-0.8, 1.0)]));                 // leaving the grid counts too
        Assert.False(Maze2DGeometry.EntersWall(UMaze, [(1.0, 1.0)]));
    }

    private static IEnumerable<(double X, double Y)> Line((double X, double Y) a, (double X, double Y) b, int n) =>
        Enumerable.Range(0, n + 1).Select(k => (a.X + (b.X - a.X) * k / n, a.Y + (b.Y - a.Y) * k / n));
}
