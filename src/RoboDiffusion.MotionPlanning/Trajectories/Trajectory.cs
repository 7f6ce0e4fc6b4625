using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Trajectories;

/// <summary>
/// A trajectory of support states [x, y, vx, vy] stored flat (<see cref="States"/>, length H·4, row-major [H, 4]), the
/// layout every cost and the diffusion model share.
/// </summary>
public sealed class Trajectory
{
    public const int StateDim = 4;

    public Trajectory(double[] states, TrajectorySpec spec)
    {
        if (states.Length != spec.Size)
            throw new ArgumentException($"A trajectory of {spec.SupportPoints} support points needs {spec.Size} numbers, got {states.Length}.");
        States = states;
        Spec = spec;
    }

    /// <summary>Flat states [H·4].</summary>
    public double[] States { get; }
    public TrajectorySpec Spec { get; }
    public int Length => Spec.SupportPoints;

    public Point2 Position(int i) => new(States[StateDim * i], States[StateDim * i + 1]);
    public Point2 Velocity(int i) => new(States[StateDim * i + 2], States[StateDim * i + 3]);

    public IReadOnlyList<Point2> Positions() => [.. Enumerable.Range(0, Length).Select(Position)];

    public Trajectory Clone() => new((double[])States.Clone(), Spec);

    /// <summary>The states as float32 [H, 4], the layout of the saved .npy files and datasets.</summary>
    public float[] ToFloat32() => [.. States.Select(v => (float)v)];
}
