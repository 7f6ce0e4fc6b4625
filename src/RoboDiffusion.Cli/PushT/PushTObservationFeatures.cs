using RoboDiffusion.Data;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Reads a dataset feature out of a live Push-T observation, with the same layout and float32 rounding as the
/// recorder that wrote the training data (<see cref="PushTDatasetRecorder"/>), so a policy sees in the simulator
/// exactly what it saw in training.
/// </summary>
internal static class PushTObservationFeatures
{
    /// <summary>Low-dim features a Push-T policy may observe.</summary>
    public static IReadOnlyList<string> Names { get; } = [PushTFeatures.State, PushTFeatures.EnvironmentState, PushTFeatures.Keypoints];

    /// <summary>Values of <paramref name="key"/> for one observation.</summary>
    public static float[] Read(string key, PushTObservation o) => key switch
    {
        PushTFeatures.State => Floats(o.State.AsSpan(0, 2)),
        PushTFeatures.EnvironmentState => Floats(o.State.AsSpan(2, 3)),
        PushTFeatures.Keypoints => Floats(o.Keypoints.AsSpan(0, 2 * PushTFeatures.KeypointCount)),
        _ => throw new ArgumentException($"Push-T has no observation feature '{key}'. Valid features: {string.Join(", ", Names)}."),
    };

    private static float[] Floats(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
