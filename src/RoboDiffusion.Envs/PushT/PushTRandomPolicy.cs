namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// A smooth random walk of targets (velocity with Gaussian jolts, kept inside [20, 492]²): a baseline and a source of
/// varied motion. Seeded, so episodes are reproducible.
/// </summary>
public sealed class PushTRandomPolicy(int seed) : IPushTPolicy
{
    private System.Random _rng = new(seed);
    private double _vx, _vy;
    private double[]? _target;

    public void Reset()
    {
        _rng = new System.Random(seed);
        (_vx, _vy, _target) = (0, 0, null);
    }

    public double[] Act(PushTEnv env)
    {
        _target ??= env.StateVector()[..2];
        _vx = 0.8 * _vx + 6 * Gaussian();
        _vy = 0.8 * _vy + 6 * Gaussian();
        _target = [Math.Clamp(_target[0] + _vx, 20, 492), Math.Clamp(_target[1] + _vy, 20, 492)];
        return (double[])_target.Clone();
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());
}
