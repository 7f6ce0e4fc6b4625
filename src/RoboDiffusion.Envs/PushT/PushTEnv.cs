using RoboDiffusion.Envs.Random;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// Push-T (Florence et al., CoRL 2021; Chi et al., RSS 2023, Diffusion Policy) on Chipmunk2D, replicating
/// real-stanford/diffusion_policy <c>pusht_env.py</c>: push a T block onto a fixed goal with a circular agent that tracks
/// an absolute target (x, y) through a PD controller, 10 physics substeps of 0.01 s per step (10 Hz control).
/// Reward = clip(coverage / 0.95, 0, 1). Owns native memory: dispose it.
/// </summary>
public sealed class PushTEnv : IDisposable
{
    private readonly List<double> _actions = [];
    private PushTWorld? _world;
    private PushTRenderer? _renderer;
    private double[] _start = new double[5];
    private bool _exact = true;             // false after LoadApproximate: no replayable snapshot
    private bool _disposed;

    public PushTEnv(PushTConfig? config = null) => Config = (config ?? new PushTConfig()).Validated();

    public PushTConfig Config { get; }

    /// <summary>Absolute agent target in [0, 512]²; values outside are clipped.</summary>
    public BoxSpace ActionSpace { get; } = BoxSpace.Uniform(2, 0, PushTGeometry.WindowSize);

    /// <summary>The box of <see cref="PushTObservation.Vector"/> for the configured observation type.</summary>
    public BoxSpace ObservationSpace => Config.ObservationType switch
    {
        PushTObservationType.State => new([0, 0, 0, 0, 0], [512, 512, 512, 512, 2 * Math.PI]),
        PushTObservationType.Keypoints => BoxSpace.Uniform(20, 0, PushTGeometry.WindowSize),
        _ => BoxSpace.Uniform(2, 0, PushTGeometry.WindowSize),
    };

    /// <summary>Steps since the last reset.</summary>
    public int Steps => _actions.Count / 2;

    /// <summary>Fraction of the goal T covered by the block.</summary>
    public double Coverage
    {
        get
        {
            var (x, y, a) = BlockPose;
            return PushTGeometry.Coverage(x, y, a);
        }
    }

    /// <summary>Block pose: body origin (bar bottom-edge centre) and raw angle.</summary>
    public (double X, double Y, double Angle) BlockPose
    {
        get
        {
            var w = World;
            var p = w.BlockPosition;
            return (p.X, p.Y, w.BlockAngle);
        }
    }

    /// <summary>
    /// Draws the initial state from NumPy's <c>RandomState(seed)</c> exactly as the original reset:
    /// agent x, y = randint(50, 450); block x, y = randint(100, 400); angle = randn()·2π − π.
    /// </summary>
    public static double[] InitialState(long seed)
    {
        var rs = new RandomState(seed);
        return [rs.RandInt(50, 450), rs.RandInt(50, 450), rs.RandInt(100, 400), rs.RandInt(100, 400), rs.Randn() * 2 * Math.PI - Math.PI];
    }

    /// <summary>Builds a fresh world and sets the seeded initial state (the original's evaluation uses seeds 100000…100049).</summary>
    public PushTObservation Reset(long seed) => ResetToState(InitialState(seed));

    /// <summary>
    /// Builds a fresh world and applies <c>_set_state([ax, ay, bx, by, angle])</c>: agent position, block angle, block
    /// position, then one 0.01 s physics step.
    /// </summary>
    public PushTObservation ResetToState(ReadOnlySpan<double> state)
    {
        if (state.Length != 5)
            throw new ArgumentException($"A Push-T state has 5 values [ax, ay, bx, by, angle], got {state.Length}.", nameof(state));
        foreach (var v in state)
            if (!double.IsFinite(v)) throw new ArgumentException($"The Push-T state has a non-finite value {v}.", nameof(state));
        Rebuild(state.ToArray(), Config.LegacyStateOrder);
        return Observe();
    }

    /// <summary>Applies the target (x, y) for one control step (10 substeps). NaN/∞ throw; out-of-box values are clipped.</summary>
    public PushTStepResult Step(ReadOnlySpan<double> action)
    {
        var a = ActionSpace.Clip(action);
        var world = World;
        world.ResetContacts();
        world.Drive(a[0], a[1]);
        _actions.Add(a[0]);
        _actions.Add(a[1]);
        var coverage = Coverage;
        var reward = Math.Clamp(coverage / Config.SuccessThreshold, 0, 1);
        var v = world.AgentVelocity;
        var info = new PushTInfo(coverage, world.Contacts, (v.X, v.Y), BlockPose, Steps);
        return new(Observe(), reward, coverage > Config.SuccessThreshold, Steps >= Config.MaxEpisodeSteps, info);
    }

    /// <summary>The scene as RGB (96×96 by default; 512 is the full canvas).</summary>
    public Frame Render(int size = 96)
    {
        var s = StateVector();
        _renderer ??= new PushTRenderer();
        return _renderer.Render(s[0], s[1], s[2], s[3], BlockPose.Angle, size);
    }

    /// <summary>An exact snapshot (see <see cref="PushTState"/>); cheap, copies the action log.</summary>
    public PushTState GetState() => _exact
        ? new((double[])_start.Clone(), [.. _actions], StateVector(), Config.LegacyStateOrder)
        : throw new InvalidOperationException("No exact snapshot after LoadApproximate; reset or SetState first.");

    /// <summary>Restores a snapshot exactly: rebuilds the world, sets <c>Start</c> and replays the actions.</summary>
    public PushTObservation SetState(PushTState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Validate();
        Rebuild(state.Start, state.LegacyStateOrder);
        var world = World;
        for (var i = 0; i < state.Actions.Length; i += 2)
        {
            world.ResetContacts();
            world.Drive(state.Actions[i], state.Actions[i + 1]);
        }
        _actions.AddRange(state.Actions);
        return Observe();
    }

    /// <summary>Agent velocity (the PD law integrates it, so it is part of the physical state).</summary>
    public (double X, double Y) AgentVelocity
    {
        get
        {
            var v = World.AgentVelocity;
            return (v.X, v.Y);
        }
    }

    /// <summary>
    /// Planner clone: a fresh world with these poses and agent velocity and no solver caches, hence close to but not
    /// bit-identical with the world it was read from. <see cref="GetState"/> afterwards is relative to this pose.
    /// </summary>
    public void LoadApproximate(ReadOnlySpan<double> state, (double X, double Y) agentVelocity)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (state.Length != 5)
            throw new ArgumentException($"A Push-T state has 5 values [ax, ay, bx, by, angle], got {state.Length}.", nameof(state));
        _world?.Dispose();
        _world = new PushTWorld();
        _world.Place(state[0], state[1], agentVelocity.X, agentVelocity.Y, state[2], state[3], state[4]);
        _start = state.ToArray();
        _actions.Clear();
        _exact = false;
    }

    /// <summary>[agent x, agent y, block x, block y, block angle mod 2π] (angle wrapped as Python's <c>%</c>).</summary>
    public double[] StateVector()
    {
        var w = World;
        var (agent, block) = (w.AgentPosition, w.BlockPosition);
        return [agent.X, agent.Y, block.X, block.Y, PythonMod(w.BlockAngle, 2 * Math.PI)];
    }

    public void Dispose()
    {
        _world?.Dispose();
        _world = null;
        _renderer?.Dispose();
        _renderer = null;
        _disposed = true;
    }

    /// <summary>Python's float modulo: the result takes the sign of the divisor.</summary>
    internal static double PythonMod(double x, double m)
    {
        var r = x % m;
        if (r == 0) return Math.CopySign(0.0, m);
        return (r < 0) != (m < 0) ? r + m : r;
    }

    private PushTWorld World => _world ?? throw new InvalidOperationException(
        _disposed ? "The Push-T environment was disposed." : "Call Reset(seed) before using the Push-T environment.");

    private void Rebuild(double[] start, bool legacyOrder)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _world?.Dispose();
        _world = new PushTWorld();
        _world.SetPose(start[0], start[1], start[2], start[3], start[4], legacyOrder);
        _start = start;
        _actions.Clear();
        _exact = true;
    }

    private PushTObservation Observe()
    {
        var state = StateVector();
        var (x, y, a) = BlockPose;
        double[] keypoints = [.. PushTGeometry.WorldKeypoints(x, y, a), state[0], state[1]];
        var image = Config.ObservationType == PushTObservationType.Image ? Render(Config.ImageSize).ToChwFloats() : null;
        return new(state, keypoints, image, Config.ObservationType);
    }
}
