using System.Runtime.InteropServices;
using RoboDiffusion.Envs.Geometry;
using RoboDiffusion.Envs.Native;
using static RoboDiffusion.Envs.Native.Chipmunk;

namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// The Chipmunk2D scene of Push-T, built as <c>PushTEnv._setup</c> builds it: four static walls, a kinematic agent
/// circle driven by a hand-integrated PD law, and the dynamic T block. Owns every native object it creates.
/// </summary>
internal sealed unsafe class PushTWorld : IDisposable
{
    public const double Dt = 0.01;            // sim_hz = 100
    public const int Substeps = 10;           // sim_hz / control_hz
    public const double Kp = 100, Kv = 20;    // PD gains of the agent

    private readonly List<IntPtr> _shapes = [];
    private readonly List<IntPtr> _bodies = [];
    private IntPtr _space;
    private readonly long* _contacts;         // post-solve contact points, written by the native callback

    public IntPtr Agent { get; }
    public IntPtr Block { get; }

    public PushTWorld()
    {
        ChipmunkLibrary.EnsureLoaded();
        _space = cpSpaceNew();
        cpSpaceSetGravity(_space, new CpVect(0, 0));
        cpSpaceSetDamping(_space, 0);         // bodies keep 0 % of their velocity per second: quasi-static pushing
        var staticBody = cpSpaceGetStaticBody(_space);
        foreach (var (a, b) in PushTGeometry.Walls)
            AddShape(cpSegmentShapeNew(staticBody, V(a), V(b), PushTGeometry.WallRadius));
        Agent = AddAgent();
        Block = AddTee();
        _contacts = (long*)NativeMemory.AllocZeroed((nuint)sizeof(long));
        var handler = (CpCollisionHandler*)cpSpaceAddCollisionHandler(_space, 0, 0);
        handler->PostSolve = &OnPostSolve;
        handler->UserData = (IntPtr)_contacts;
    }

    /// <summary>Contact points summed over post-solve calls since the last <see cref="ResetContacts"/>.</summary>
    public long Contacts => *_contacts;

    public void ResetContacts() => *_contacts = 0;

    /// <summary>
    /// <c>_set_state</c>: agent position, then block angle, then block position (legacy: position before angle; the
    /// angle turns the body about its centre of gravity, so the order changes where the origin lands); then one step.
    /// </summary>
    public void SetPose(double ax, double ay, double bx, double by, double angle, bool legacyOrder)
    {
        cpBodySetPosition(Agent, new CpVect(ax, ay));
        if (legacyOrder) { cpBodySetPosition(Block, new CpVect(bx, by)); cpBodySetAngle(Block, angle); }
        else { cpBodySetAngle(Block, angle); cpBodySetPosition(Block, new CpVect(bx, by)); }
        cpSpaceStep(_space, Dt);
    }

    /// <summary>Places the bodies (block angle before position) and sets the agent velocity, without stepping.</summary>
    public void Place(double ax, double ay, double vx, double vy, double bx, double by, double angle)
    {
        cpBodySetPosition(Agent, new CpVect(ax, ay));
        cpBodySetVelocity(Agent, new CpVect(vx, vy));
        cpBodySetAngle(Block, angle);
        cpBodySetPosition(Block, new CpVect(bx, by));
    }

    /// <summary>One control step: 10 substeps of the PD law <c>v += (Kp(target − p) − Kv v)·dt</c>, then a space step.</summary>
    public void Drive(double targetX, double targetY)
    {
        for (var i = 0; i < Substeps; i++)
        {
            var p = cpBodyGetPosition(Agent);
            var v = cpBodyGetVelocity(Agent);
            var accX = Kp * (targetX - p.X) + Kv * (0 - v.X);
            var accY = Kp * (targetY - p.Y) + Kv * (0 - v.Y);
            cpBodySetVelocity(Agent, new CpVect(v.X + accX * Dt, v.Y + accY * Dt));
            cpSpaceStep(_space, Dt);
        }
    }

    /// <summary>Friction of every shape (walls, agent, bar, stem).</summary>
    public double[] ShapeFrictions() => [.. _shapes.Select(cpShapeGetFriction)];

    public CpVect AgentPosition => cpBodyGetPosition(Agent);
    public CpVect AgentVelocity => cpBodyGetVelocity(Agent);
    public CpVect BlockPosition => cpBodyGetPosition(Block);
    public double BlockAngle => cpBodyGetAngle(Block);

    public void Dispose()
    {
        if (_space == IntPtr.Zero) return;
        foreach (var s in _shapes) { cpSpaceRemoveShape(_space, s); cpShapeFree(s); }
        foreach (var b in _bodies) { cpSpaceRemoveBody(_space, b); cpBodyFree(b); }
        cpSpaceFree(_space);                  // frees the collision handler too
        NativeMemory.Free(_contacts);
        _space = IntPtr.Zero;
    }

    // add_circle: position first, then body and shape join the space together.
    private IntPtr AddAgent()
    {
        var body = cpBodyNewKinematic();
        cpBodySetPosition(body, new CpVect(256, 400));
        AddToSpace(body, cpCircleShapeNew(body, PushTGeometry.AgentRadius, new CpVect(0, 0)));
        return body;
    }

    // add_tee: mass 1; the original adds moment_for_poly of the bar twice (its inertia2 reuses vertices1).
    private IntPtr AddTee()
    {
        var bar = PushTGeometry.Bar.Select(V).ToArray();
        var stem = PushTGeometry.Stem.Select(V).ToArray();
        IntPtr body, barShape, stemShape;
        fixed (CpVect* pb = bar)
        {
            body = cpBodyNew(1, 2 * cpMomentForPoly(1, bar.Length, pb, new CpVect(0, 0), 0));
            barShape = cpPolyShapeNew(body, bar.Length, pb, CpTransform.Identity, 0);
        }
        fixed (CpVect* ps = stem) stemShape = cpPolyShapeNew(body, stem.Length, ps, CpTransform.Identity, 0);
        cpBodySetCenterOfGravity(body, V(PushTGeometry.CenterOfGravity));
        cpBodySetPosition(body, new CpVect(256, 300));
        cpBodySetAngle(body, 0);
        AddToSpace(body, barShape, stemShape);
        return body;
    }

    private void AddToSpace(IntPtr body, params IntPtr[] shapes)
    {
        _bodies.Add(body);
        cpSpaceAddBody(_space, body);
        foreach (var shape in shapes) AddShape(shape);
    }

    private void AddShape(IntPtr shape)
    {
        _shapes.Add(shape);
        cpSpaceAddShape(_space, shape);
    }

    private static CpVect V(Point2 p) => new(p.X, p.Y);

    [UnmanagedCallersOnly]
    private static void OnPostSolve(IntPtr arbiter, IntPtr space, IntPtr userData) =>
        *(long*)userData += cpArbiterGetCount(arbiter);
}
