namespace RoboDiffusion.MotionPlanning.Trajectories;

/// <summary>
/// Linear interpolation of H support positions to M evenly spaced points (MPD checks and costs collisions on the
/// trajectory interpolated to ceil(1.5·H) points). Point k sits at support parameter s = k(H−1)/(M−1): it is
/// (1−w)·p_i + w·p_{i+1}, so its gradient flows back to two support points with those weights.
/// </summary>
public sealed class CollisionInterpolation
{
    private readonly int[] _index;      // i of the left support point
    private readonly double[] _weight;  // w of the right support point

    public CollisionInterpolation(int supportPoints, int points)
    {
        if (supportPoints < 2 || points < 2) throw new ArgumentException($"Interpolation needs ≥ 2 support and output points, got {supportPoints}, {points}.");
        _index = new int[points];
        _weight = new double[points];
        for (var k = 0; k < points; k++)
        {
            var s = (double)k * (supportPoints - 1) / (points - 1);
            var i = Math.Min((int)Math.Floor(s), supportPoints - 2);
            (_index[k], _weight[k]) = (i, s - i);
        }
    }

    public static CollisionInterpolation For(TrajectorySpec spec) => new(spec.SupportPoints, spec.CollisionPoints);

    public int Count => _index.Length;

    /// <summary>Left support index and right weight of point k.</summary>
    public (int Index, double Weight) this[int k] => (_index[k], _weight[k]);

    /// <summary>Position k of the flat trajectory <paramref name="states"/> ([H·4]).</summary>
    public Worlds.Point2 Point(ReadOnlySpan<double> states, int k)
    {
        var (a, w) = (Trajectory.StateDim * _index[k], _weight[k]);
        var b = a + Trajectory.StateDim;
        return new((1 - w) * states[a] + w * states[b], (1 - w) * states[a + 1] + w * states[b + 1]);
    }

    /// <summary>Adds dC/dp_k (a position gradient at point k) to the gradient of the flat states.</summary>
    public void Backward(Span<double> gradient, int k, Worlds.Point2 dp)
    {
        var (a, w) = (Trajectory.StateDim * _index[k], _weight[k]);
        var b = a + Trajectory.StateDim;
        gradient[a] += (1 - w) * dp.X;
        gradient[a + 1] += (1 - w) * dp.Y;
        gradient[b] += w * dp.X;
        gradient[b + 1] += w * dp.Y;
    }
}
