using System.Runtime.InteropServices;

namespace RoboDiffusion.Envs.Native;

/// <summary>Chipmunk2D's <c>cpVect</c> built with CP_USE_DOUBLES: two doubles, passed by value (SysV: two XMM registers).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CpVect(double X, double Y);

/// <summary>Chipmunk2D's <c>cpTransform</c> (affine 2x3: a, b, c, d, tx, ty). The identity is not exported, so it lives here.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CpTransform(double A, double B, double C, double D, double Tx, double Ty)
{
    public static CpTransform Identity => new(1, 0, 0, 1, 0, 0);
}
