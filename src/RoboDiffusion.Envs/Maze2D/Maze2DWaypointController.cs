using RoboDiffusion.Envs.Random;

namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// D4RL's maze2d data policy (d4rl/pointmaze/waypoint_controller.py): plan a cell path to the target's cell, then
/// a = clip(Kp·(w − p) + Kd·v, −1, 1) with Kp = 10, Kd = −1 toward the current waypoint w. Intermediate waypoints are
/// the path's cells minus U(0, 0.2) per axis; a waypoint is passed once the ball is within 0.1 of it and moved less than
/// 0.1 since the previous call; once that holds at the target it aims at the target itself (“solved”).
/// Not thread-safe.
/// </summary>
public sealed class Maze2DWaypointController(MazeLayout layout, long seed = 0)
{
    public const double Kp = 10.0, Kd = -1.0;
    private const double SolveThreshold = 0.1, MoveThreshold = 0.1, WaypointJitter = 0.2;
    private readonly RandomState _rng = new(seed);
    private readonly List<(double X, double Y)> _waypoints = [];
    private MazeCell? _target;
    private int _next;
    private (double X, double Y) _previous;

    /// <summary>Remaining waypoints, the current one first (for drawing).</summary>
    public IReadOnlyList<(double X, double Y)> Waypoints => _waypoints.Skip(_next).ToList();

    /// <summary>Forgets the plan; the next call re-plans.</summary>
    public void Reset()
    {
        _target = null;
        _waypoints.Clear();
    }

    /// <summary>The action toward <paramref name="target"/> and whether the ball is settled on it (D4RL's <c>done</c>).</summary>
    public (double[] Action, bool Solved) Act(double x, double y, double vx, double vy, (double X, double Y) target)
    {
        var targetCell = MazeLayout.CellOf(target.X, target.Y);
        if (_target != targetCell) Plan(x, y, targetCell);
        var moved = Maze2DGeometry.Length(_previous.X - x, _previous.Y - y);
        var solved = Maze2DGeometry.Length(targetCell.Row - x, targetCell.Col - y) < SolveThreshold && moved < MoveThreshold;
        var w = solved ? (targetCell.Row, targetCell.Col) : _waypoints[_next];
        double[] action = [Math.Clamp(Kp * (w.X - x) + Kd * vx, -1, 1), Math.Clamp(Kp * (w.Y - y) + Kd * vy, -1, 1)];
        if (!solved && Maze2DGeometry.Length(w.X - x, w.Y - y) < SolveThreshold && moved < MoveThreshold && _next < _waypoints.Count - 1) _next++;
        _previous = (x, y);
        return (action, solved);
    }

    private void Plan(double x, double y, MazeCell target)
    {
        _waypoints.Clear();
        foreach (var c in MazePlanner.ShortestPath(layout, MazeLayout.CellOf(x, y), target))
            _waypoints.Add(c == target ? (c.Row, c.Col)
                : (c.Row - WaypointJitter * _rng.RandomSample(), c.Col - WaypointJitter * _rng.RandomSample()));
        if (_waypoints.Count == 0) _waypoints.Add((target.Row, target.Col));
        _next = 0;
        _target = target;
        _previous = (x, y);
    }
}
