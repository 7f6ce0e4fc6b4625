using System.Runtime.CompilerServices;
using RoboDiffusion.Envs.Native;
using RoboDiffusion.Envs.PushT;
using static RoboDiffusion.Envs.Native.Chipmunk;

namespace RoboDiffusion.Bench;

/// <summary>
/// The baseline of the Push-T benchmark: the bare Chipmunk2D scene of <c>pusht_env.py</c> (walls, kinematic agent circle,
/// T block) driven by the same PD law, 10 substeps of <c>cpSpaceStep(0.01)</c> per control step, through the project's
/// interop and nothing else: no observation, no coverage, no contact counting, no action log.
/// </summary>
internal sealed unsafe class RawPushTPhysics : IDisposable
{
    private const double Dt = 0.01, Kp = 100, Kv = 20;
    private readonly List<IntPtr> _shapes = [];
    private readonly List<IntPtr> _bodies = [];
    private readonly IntPtr _space;
    private readonly IntPtr _agent;
    private readonly IntPtr _block;

    /// <summary>Builds the scene and applies the state [ax, ay, bx, by, angle] as <c>_set_state</c> does (one 0.01 s step).</summary>
    public RawPushTPhysics(double[] state)
    {
        ChipmunkLibrary.EnsureLoaded();
        _space = cpSpaceNew();
        cpSpaceSetGravity(_space, new CpVect(0, 0));
        cpSpaceSetDamping(_space, 0);
        var walls = cpSpaceGetStaticBody(_space);
        foreach (var (a, b) in PushTGeometry.Walls)
            Add(cpSegmentShapeNew(walls, new CpVect(a.X, a.Y), new CpVect(b.X, b.Y), PushTGeometry.WallRadius));
        _agent = cpBodyNewKinematic();
        cpBodySetPosition(_agent, new CpVect(256, 400));   // where add_agent/add_tee put the bodies before _set_state
        AddBody(_agent, cpCircleShapeNew(_agent, PushTGeometry.AgentRadius, new CpVect(0, 0)));
        _block = Tee();
        cpBodySetPosition(_agent, new CpVect(state[0], state[1]));
        cpBodySetAngle(_block, state[4]);
        cpBodySetPosition(_block, new CpVect(state[2], state[3]));
        cpSpaceStep(_space, Dt);
    }

    /// <summary>One control step: per substep <c>v += (Kp(target − p) − Kv v)·dt</c>, then the space steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // optimized from the first call: no wait on background tiering
    public void Drive(double targetX, double targetY)
    {
        for (var i = 0; i < 10; i++)
        {
            var p = cpBodyGetPosition(_agent);
            var v = cpBodyGetVelocity(_agent);
            cpBodySetVelocity(_agent, new CpVect(v.X + (Kp * (targetX - p.X) - Kv * v.X) * Dt, v.Y + (Kp * (targetY - p.Y) - Kv * v.Y) * Dt));
            cpSpaceStep(_space, Dt);
        }
    }

    /// <summary>Block position and raw angle, to check that the baseline simulates the same trajectory.</summary>
    public (double X, double Y, double Angle) BlockPose
    {
        get
        {
            var p = cpBodyGetPosition(_block);
            return (p.X, p.Y, cpBodyGetAngle(_block));
        }
    }

    public void Dispose()
    {
        foreach (var s in _shapes) { cpSpaceRemoveShape(_space, s); cpShapeFree(s); }
        foreach (var b in _bodies) { cpSpaceRemoveBody(_space, b); cpBodyFree(b); }
        cpSpaceFree(_space);
    }

    // Mass 1, moment twice the bar's (the original's quirk), centre of gravity (0, 45).
    private IntPtr Tee()
    {
        var bar = PushTGeometry.Bar.Select(p => new CpVect(p.X, p.Y)).ToArray();
        var stem = PushTGeometry.Stem.Select(p => new CpVect(p.X, p.Y)).ToArray();
        IntPtr body, barShape, stemShape;
        fixed (CpVect* pb = bar)
        {
            body = cpBodyNew(1, 2 * cpMomentForPoly(1, bar.Length, pb, new CpVect(0, 0), 0));
            barShape = cpPolyShapeNew(body, bar.Length, pb, CpTransform.Identity, 0);
        }
        fixed (CpVect* ps = stem) stemShape = cpPolyShapeNew(body, stem.Length, ps, CpTransform.Identity, 0);
        cpBodySetCenterOfGravity(body, new CpVect(PushTGeometry.CenterOfGravity.X, PushTGeometry.CenterOfGravity.Y));
        cpBodySetPosition(body, new CpVect(256, 300));
        AddBody(body, barShape, stemShape);
        return body;
    }

    private void AddBody(IntPtr body, params IntPtr[] shapes)
    {
        _bodies.Add(body);
        cpSpaceAddBody(_space, body);
        foreach (var s in shapes) Add(s);
    }

    private void Add(IntPtr shape)
    {
        _shapes.Add(shape);
        cpSpaceAddShape(_space, shape);
    }
}
