namespace RoboDiffusion.Training;

/// <summary>What a finished (or resumed and finished) run reports.</summary>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="FinalLoss">Mean loss of the last log window.</param>
/// <param name="Seconds">Wall time of this call.</param>
/// <param name="ItersPerSecond">Steps per second of this call.</param>
/// <param name="Checkpoint">Directory of the last checkpoint written, or null.</param>
public sealed record TrainResult(long Step, double FinalLoss, double Seconds, double ItersPerSecond, string? Checkpoint);
