namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// Gymnasium's step tuple. <c>Terminated</c> = coverage above the success threshold; <c>Truncated</c> = the step limit was
/// reached (the original sets both to <c>done</c>; a time limit is the Gymnasium meaning of truncation).
/// </summary>
public sealed record PushTStepResult(PushTObservation Observation, double Reward, bool Terminated, bool Truncated, PushTInfo Info);
