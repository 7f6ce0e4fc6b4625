namespace RoboDiffusion.Envs.PushT;

/// <summary>A Push-T controller: given the environment (scripted policies may read its privileged state), the next target.</summary>
public interface IPushTPolicy
{
    /// <summary>Clears per-episode state; call after every reset.</summary>
    void Reset();

    /// <summary>The next absolute target (x, y).</summary>
    double[] Act(PushTEnv env);
}
