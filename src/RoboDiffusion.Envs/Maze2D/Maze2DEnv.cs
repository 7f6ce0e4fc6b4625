using RoboDiffusion.Envs.Native.MuJoCo;
using RoboDiffusion.Envs.Random;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// Maze2D (Fu et al. 2020, D4RL; the planning benchmark of Janner et al., ICML 2022, Diffuser) on MuJoCo 2.2.2,
/// replicating d4rl/pointmaze/maze_model.py <c>MazeEnv</c>: a force-controlled point mass, one 0.01 s MuJoCo step per
/// action (frame_skip 1), action clipped to [−1, 1] and velocity to [−5, 5] before each step, observation
/// (x, y, vx, vy) = (qpos, qvel), sparse reward 1 while within 0.5 of the goal. Owns native memory: dispose it.
/// </summary>
public sealed class Maze2DEnv : IDisposable
{
    private const double MaxSpeed = 5.0;
    private readonly MjModel _model;
    private readonly MjSimulation _sim;
    private Maze2DRenderer? _renderer;
    private bool _reset;

    public Maze2DEnv(Maze2DConfig? config = null)
    {
        Config = (config ?? new Maze2DConfig()).Validated();
        Layout = Maze2DLayouts.Layout(Config.Maze);
        _model = MjModel.FromXml(Maze2DModelXml.Generate(Layout));
        try { _sim = new MjSimulation(_model); }
        catch { _model.Dispose(); throw; }
        var g = Layout.Goal ?? Layout.ResetCells[0];                 // D4RL: the 'G' cell, else the first empty cell
        Goal = (g.Row, g.Col);
    }

    public Maze2DConfig Config { get; }
    public MazeLayout Layout { get; }

    /// <summary>Force command per axis, scaled by the motor gear 100.</summary>
    public BoxSpace ActionSpace { get; } = BoxSpace.Uniform(2, -1, 1);

    /// <summary>The goal in observation coordinates.</summary>
    public (double X, double Y) Goal { get; private set; }

    /// <summary>Steps since the last reset.</summary>
    public int Steps { get; private set; }

    /// <summary>Simulated seconds since the last reset.</summary>
    public double Time => _sim.Time;

    /// <summary>Contacts of the last step (the sphere always touches the ground plane: ≥ 1).</summary>
    public int ContactCount => _sim.ContactCount;

    /// <summary>
    /// D4RL's <c>reset_model</c> with NumPy's <c>RandomState(seed)</c>: cell = choice(empty_and_goal_locations),
    /// qpos = cell + uniform(−0.1, 0.1, 2), qvel = randn(2)·0.1; in multi-goal mode then <c>set_target()</c> draws the goal
    /// the same way from the same stream.
    /// </summary>
    public double[] Reset(long seed)
    {
        var rs = new RandomState(seed);
        var (x, y) = NoisyCell(rs);
        double[] v = [rs.Randn() * 0.1, rs.Randn() * 0.1];
        if (Config.MultiGoal) Goal = NoisyCell(rs);
        return SetState([x, y], v);
    }

    /// <summary>Restarts from a given position and velocity (observation coordinates); a sphere overlapping a wall is rejected.</summary>
    public double[] SetState(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity)
    {
        RequireFinite(position, 2, "position");
        RequireFinite(velocity, 2, "velocity");
        if (!Maze2DGeometry.IsFree(Layout, position[0], position[1]))
            throw new ArgumentException($"Start ({position[0]}, {position[1]}) puts the ball inside a wall or outside maze '{Layout.Name}'; " +
                                        $"free cells (as x, y): {string.Join(" ", Layout.ResetCells)}.", nameof(position));
        _sim.Reset();
        position.CopyTo(_sim.Qpos);
        velocity.CopyTo(_sim.Qvel);
        _sim.Forward();
        Steps = 0;
        _reset = true;
        return Observation();
    }

    /// <summary>Moves the goal (observation coordinates); it must lie inside the grid.</summary>
    public void SetGoal(double x, double y)
    {
        RequireFinite([x, y], 2, "goal");
        if (!Maze2DGeometry.IsFree(Layout, x, y, radius: 0))
            throw new ArgumentException($"Goal ({x}, {y}) lies inside a wall or outside maze '{Layout.Name}'.");
        Goal = (x, y);
    }

    /// <summary>D4RL's <c>step</c>: clip the action, clip the velocity, one MuJoCo step, sparse reward.</summary>
    public Maze2DStepResult Step(ReadOnlySpan<double> action)
    {
        if (!_reset) throw new InvalidOperationException("Call Reset(seed) before Step.");
        var a = ActionSpace.Clip(action);
        var qvel = _sim.Qvel;
        for (var i = 0; i < qvel.Length; i++) qvel[i] = Math.Clamp(qvel[i], -MaxSpeed, MaxSpeed);
        a.CopyTo(_sim.Ctrl);
        _sim.Step();
        Steps++;
        var obs = Observation();
        var reward = Maze2DGeometry.Length(obs[0] - Goal.X, obs[1] - Goal.Y) <= Config.GoalRadius ? 1.0 : 0.0;
        return new(obs, reward, false, Steps >= Config.EpisodeSteps);
    }

    /// <summary>(x, y, vx, vy).</summary>
    public double[] Observation()
    {
        var q = _sim.Qpos;
        var v = _sim.Qvel;
        return [q[0], q[1], v[0], v[1]];
    }

    /// <summary>D4RL's normalized score of an episode return on this maze.</summary>
    public double NormalizedScore(double episodeReturn) => Maze2DLayouts.NormalizedScore(Config.Maze, episodeReturn);

    /// <summary>Top-down view: <paramref name="cellPixels"/> pixels per maze cell.</summary>
    public Frame Render(int cellPixels = 32)
    {
        _renderer ??= new Maze2DRenderer(Layout);
        var q = _sim.Qpos;
        return _renderer.Render(q[0], q[1], Goal.X, Goal.Y, cellPixels);
    }

    public void Dispose()
    {
        _renderer?.Dispose();
        _sim.Dispose();
        _model.Dispose();
    }

    private (double X, double Y) NoisyCell(RandomState rs)
    {
        var cell = Layout.ResetCells[(int)rs.RandInt(0, Layout.ResetCells.Count)];    // np choice(n) = randint(0, n)
        var x = cell.Row + (-0.1 + 0.2 * rs.RandomSample());                           // uniform(-.1, .1)
        var y = cell.Col + (-0.1 + 0.2 * rs.RandomSample());
        return (x, y);
    }

    private static void RequireFinite(ReadOnlySpan<double> v, int length, string name)
    {
        if (v.Length != length) throw new ArgumentException($"The {name} must have {length} values, got {v.Length}.", name);
        foreach (var x in v)
            if (!double.IsFinite(x)) throw new ArgumentException($"The {name} has a non-finite value {x}.", name);
    }
}
