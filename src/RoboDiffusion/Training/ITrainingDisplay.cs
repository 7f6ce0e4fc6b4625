namespace RoboDiffusion.Training;

/// <summary>Where the trainer reports progress: a live terminal bar, plain lines, or nothing.</summary>
public interface ITrainingDisplay
{
    /// <summary>Called once before the first step of a run (or resumed run).</summary>
    void Start(long firstStep, long totalSteps);

    /// <summary>Called after every optimizer step; implementations throttle their own output.</summary>
    void Tick(TrainTick tick);

    /// <summary>A one-off message (evaluation results, checkpoint saved).</summary>
    void Note(string message);

    /// <summary>Called once when the run ends, also on failure.</summary>
    void Stop();
}
