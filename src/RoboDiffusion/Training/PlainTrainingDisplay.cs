using System.Globalization;

namespace RoboDiffusion.Training;

/// <summary>One plain line every <paramref name="every"/> steps (and at the last): what logs and redirected output need.</summary>
public sealed class PlainTrainingDisplay(TextWriter writer, long every) : ITrainingDisplay
{
    public void Start(long firstStep, long totalSteps) =>
        writer.WriteLine(firstStep == 0 ? $"training {totalSteps} steps" : $"resuming at step {firstStep} of {totalSteps}");

    public void Tick(TrainTick t)
    {
        if (t.Step % every != 0 && t.Step != t.TotalSteps) return;
        writer.WriteLine(Format(t));
        writer.Flush();
    }

    public void Note(string message) => writer.WriteLine(message);

    public void Stop() => writer.Flush();

    /// <summary>"step 100/1000 (10%) loss 0.1234 lr 1.00e-04 45.6 it/s eta 0:00:20"; an ETA past a day counts on in hours (25:03:00).</summary>
    public static string Format(TrainTick t) => string.Create(CultureInfo.InvariantCulture,
        $"step {t.Step}/{t.TotalSteps} ({100.0 * t.Step / t.TotalSteps:F0}%) loss {t.Loss:G4} lr {t.LearningRate:0.00e+00} " +
        $"{t.ItersPerSecond:F1} it/s eta {(long)t.Eta.TotalHours}:{t.Eta:mm\\:ss}");
}
