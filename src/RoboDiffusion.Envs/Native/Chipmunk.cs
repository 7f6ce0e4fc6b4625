using System.Runtime.InteropServices;

namespace RoboDiffusion.Envs.Native;

/// <summary>
/// P/Invoke surface of Chipmunk2D 7.0.3 (Debian's <c>libchipmunk7</c>, soname <c>libchipmunk.so.7</c>, doubles).
/// The header-only helpers (<c>cpv</c>, <c>cpvadd</c>, ...) are not exported; that math is done in C#.
/// Call <see cref="ChipmunkLibrary.EnsureLoaded"/> before the first call, for a clear message when the library is missing.
/// </summary>
internal static unsafe partial class Chipmunk
{
    public const string Lib = "libchipmunk.so.7";

    [LibraryImport(Lib)] public static partial IntPtr cpSpaceNew();
    [LibraryImport(Lib)] public static partial void cpSpaceFree(IntPtr space);
    [LibraryImport(Lib)] public static partial void cpSpaceSetGravity(IntPtr space, CpVect gravity);
    [LibraryImport(Lib)] public static partial void cpSpaceSetDamping(IntPtr space, double damping);
    [LibraryImport(Lib)] public static partial IntPtr cpSpaceGetStaticBody(IntPtr space);
    [LibraryImport(Lib)] public static partial IntPtr cpSpaceAddBody(IntPtr space, IntPtr body);
    [LibraryImport(Lib)] public static partial IntPtr cpSpaceAddShape(IntPtr space, IntPtr shape);
    [LibraryImport(Lib)] public static partial void cpSpaceRemoveBody(IntPtr space, IntPtr body);
    [LibraryImport(Lib)] public static partial void cpSpaceRemoveShape(IntPtr space, IntPtr shape);
    [LibraryImport(Lib)] public static partial void cpSpaceStep(IntPtr space, double dt);
    [LibraryImport(Lib)] public static partial IntPtr cpSpaceAddCollisionHandler(IntPtr space, nuint typeA, nuint typeB);

    [LibraryImport(Lib)] public static partial IntPtr cpBodyNew(double mass, double moment);
    [LibraryImport(Lib)] public static partial IntPtr cpBodyNewKinematic();
    [LibraryImport(Lib)] public static partial void cpBodyFree(IntPtr body);
    [LibraryImport(Lib)] public static partial void cpBodySetPosition(IntPtr body, CpVect position);
    [LibraryImport(Lib)] public static partial CpVect cpBodyGetPosition(IntPtr body);
    [LibraryImport(Lib)] public static partial void cpBodySetVelocity(IntPtr body, CpVect velocity);
    [LibraryImport(Lib)] public static partial CpVect cpBodyGetVelocity(IntPtr body);
    [LibraryImport(Lib)] public static partial void cpBodySetAngle(IntPtr body, double angle);
    [LibraryImport(Lib)] public static partial double cpBodyGetAngle(IntPtr body);
    [LibraryImport(Lib)] public static partial void cpBodySetAngularVelocity(IntPtr body, double w);
    [LibraryImport(Lib)] public static partial double cpBodyGetAngularVelocity(IntPtr body);
    [LibraryImport(Lib)] public static partial void cpBodySetCenterOfGravity(IntPtr body, CpVect cog);
    [LibraryImport(Lib)] public static partial CpVect cpBodyGetCenterOfGravity(IntPtr body);
    [LibraryImport(Lib)] public static partial double cpBodyGetMoment(IntPtr body);

    [LibraryImport(Lib)] public static partial double cpMomentForPoly(double mass, int count, CpVect* verts, CpVect offset, double radius);
    [LibraryImport(Lib)] public static partial IntPtr cpPolyShapeNew(IntPtr body, int count, CpVect* verts, CpTransform transform, double radius);
    [LibraryImport(Lib)] public static partial IntPtr cpCircleShapeNew(IntPtr body, double radius, CpVect offset);
    [LibraryImport(Lib)] public static partial IntPtr cpSegmentShapeNew(IntPtr body, CpVect a, CpVect b, double radius);
    [LibraryImport(Lib)] public static partial void cpShapeFree(IntPtr shape);
    [LibraryImport(Lib)] public static partial double cpShapeGetFriction(IntPtr shape);

    [LibraryImport(Lib)] public static partial int cpArbiterGetCount(IntPtr arbiter);
}

/// <summary>Chipmunk 7's <c>cpCollisionHandler</c> (56 bytes); the space owns it and we patch its post-solve callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CpCollisionHandler
{
    public nuint TypeA, TypeB;
    public IntPtr Begin, PreSolve;
    public delegate* unmanaged<IntPtr, IntPtr, IntPtr, void> PostSolve;
    public IntPtr Separate, UserData;
}
