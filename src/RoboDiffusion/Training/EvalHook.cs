namespace RoboDiffusion.Training;

/// <summary>
/// Called every EvalEvery steps (with the EMA weights swapped in when EMA is on, the model in eval mode and no_grad);
/// returns named metrics that go to metrics.jsonl and the display.
/// </summary>
public delegate IReadOnlyDictionary<string, double> EvalHook(long step);
