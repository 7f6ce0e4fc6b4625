using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Watches a rollout. <see cref="Observe"/> is called for the observation after reset and after every step (so once
/// more than <see cref="Record"/>); <see cref="Record"/> gets each executed action with its step result.
/// </summary>
internal interface IRolloutRecorder
{
    void Observe(PushTEnv env, PushTObservation observation);

    void Record(double[] action, PushTStepResult result, bool done);
}
