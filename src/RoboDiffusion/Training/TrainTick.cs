namespace RoboDiffusion.Training;

/// <summary>Progress after an optimizer step, as the display shows it.</summary>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Loss">Mean loss over the steps since the last log line.</param>
/// <param name="LearningRate">Rate used by the last step.</param>
/// <param name="ItersPerSecond">Steps per second since this run (or resume) started.</param>
/// <param name="Eta">Estimated time to the last step.</param>
public readonly record struct TrainTick(long Step, long TotalSteps, double Loss, double LearningRate, double ItersPerSecond, TimeSpan Eta);
