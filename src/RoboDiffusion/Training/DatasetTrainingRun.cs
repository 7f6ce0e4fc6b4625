using RoboDiffusion.Data;
using RoboDiffusion.Data.LeRobot;
using RoboDiffusion.Data.Sequences;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// A model trained on windows of a LeRobot dataset by the core's <see cref="Trainer{TBatch}"/>: what every method's
/// training class shares (dataset counts, resume, run, disposal). A subclass builds its model and batches, then calls
/// <see cref="Start"/> with its trainer.
/// </summary>
public abstract class DatasetTrainingRun : IDisposable
{
    private Trainer<Dictionary<string, Tensor>>? _trainer;

    /// <summary>Windows (training samples) the batches draw from.</summary>
    public int Windows { get; private set; }

    /// <summary>Frames of the dataset.</summary>
    public int Frames { get; private set; }

    /// <summary>Episodes of the dataset.</summary>
    public int Episodes { get; private set; }

    public Trainer<Dictionary<string, Tensor>> Trainer =>
        _trainer ?? throw new InvalidOperationException($"{GetType().Name} did not start its trainer.");

    /// <summary>Trainable parameters of the model being trained.</summary>
    public long ParameterCount => Trainer.ParameterCount;

    /// <summary>Continues from the newest checkpoint of the output folder; false when there is none.</summary>
    public bool Resume() => Trainer.Resume();

    /// <summary>Starts from another run's checkpoint, e.g. to go on training on other data (see <see cref="Trainer{TBatch}.ResumeFrom"/>).</summary>
    public void StartFrom(string checkpointDir) => Trainer.ResumeFrom(checkpointDir);

    /// <summary>Trains to <paramref name="stopAt"/> (default: the configured steps).</summary>
    public TrainResult Run(long? stopAt = null, CancellationToken cancellation = default) => Trainer.Run(stopAt, cancellation);

    /// <summary>Records the dataset counts and the trainer (called once, at the end of the subclass constructor).</summary>
    protected void Start(Trainer<Dictionary<string, Tensor>> trainer, int windows, FrameTable table)
    {
        if (_trainer is not null) throw new InvalidOperationException("The trainer is already started.");
        (_trainer, Windows, Frames, Episodes) = (trainer, windows, table.FrameCount, table.EpisodeCount);
    }

    /// <summary>The frames of a LeRobot dataset folder: every feature, or only <paramref name="keys"/>.</summary>
    protected static FrameTable ReadDataset(string dataset, params string[] keys) =>
        LeRobotReader.Read(dataset, keys.Length == 0 ? null : keys.Distinct().ToArray()).Data.ToFrameTable();

    /// <summary>
    /// Windows of <paramref name="horizon"/> frames inside episodes, without padding (the whole-trajectory planners:
    /// Diffuser's use_padding False, MPD's one-trajectory episodes); an error when no episode is long enough.
    /// </summary>
    protected static SequenceSampler WholeWindows(FrameTable table, string dataset, int horizon, string[] keys)
    {
        var windows = new SequenceSampler(table, horizon, 0, 0, keys);
        if (windows.Count == 0)
            throw new ArgumentException($"No episode of '{dataset}' is at least the horizon H = {horizon} frames long: collect more steps or lower the horizon.");
        return windows;
    }

    /// <summary>Disposes the trained model (after the trainer).</summary>
    protected abstract void DisposeModel();

    public void Dispose()
    {
        _trainer?.Dispose();
        DisposeModel();
        GC.SuppressFinalize(this);
    }
}
