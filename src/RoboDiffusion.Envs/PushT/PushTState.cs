namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// An exact snapshot of a Push-T world. Chipmunk keeps solver caches (warm-started contact impulses, the broad-phase
/// tree) that poses alone do not capture, so the snapshot is the pose the world was last set to (<see cref="Start"/>,
/// applied as <c>_set_state</c>) plus the clipped actions applied since; restoring rebuilds the world and replays them,
/// which reproduces the trajectory bit for bit. <see cref="Pose"/> is the state observation at the snapshot;
/// <see cref="LegacyStateOrder"/> is the order in which <see cref="Start"/> was applied.
/// </summary>
public sealed record PushTState(double[] Start, double[] Actions, double[] Pose, bool LegacyStateOrder = false)
{
    /// <summary>Env steps taken since <see cref="Start"/>.</summary>
    public int Steps => Actions.Length / 2;

    internal void Validate()
    {
        if (Start.Length != 5 || Start.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("PushTState.Start must hold 5 finite values [ax, ay, bx, by, angle].");
        if (Actions.Length % 2 != 0 || Actions.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("PushTState.Actions must hold finite (x, y) pairs.");
    }
}
