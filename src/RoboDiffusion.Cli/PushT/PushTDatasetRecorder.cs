using RoboDiffusion.Data;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Turns a rollout into a LeRobot episode (<see cref="PushTFeatures"/>): frame t holds the observation before action t,
/// action t, and the reward/done/success that followed it (LeRobot's "next.*" convention).
/// </summary>
internal sealed class PushTDatasetRecorder(int? imageSize = null) : IRolloutRecorder
{
    private readonly EpisodeBuilder _builder = new(PushTFeatures.Create(imageSize), PushTFeatures.Task);
    private PushTObservation? _pending;
    private byte[]? _pendingImage;

    public void Observe(PushTEnv env, PushTObservation observation)
    {
        _pending = observation;
        if (imageSize is { } size) _pendingImage = env.Render(size).Rgb;     // [H, W, 3] RGB bytes
    }

    public void Record(double[] action, PushTStepResult result, bool done)
    {
        var o = _pending ?? throw new InvalidOperationException("Observe must be called before Record.");
        _builder.Append(PushTFeatures.State, o.State.AsSpan(0, 2));                          // agent x, y
        _builder.Append(PushTFeatures.EnvironmentState, o.State.AsSpan(2, 3));               // block x, y, angle mod 2π
        _builder.Append(PushTFeatures.Keypoints, o.Keypoints.AsSpan(0, 2 * PushTFeatures.KeypointCount));
        if (_pendingImage is { } rgb) _builder.AppendImage(PushTFeatures.Image, rgb);
        _builder.Append(PushTFeatures.Action, action.AsSpan());
        _builder.Append(PushTFeatures.Reward, new[] { result.Reward }.AsSpan());
        _builder.Append(PushTFeatures.Done, done);
        _builder.Append(PushTFeatures.Success, result.Terminated);
    }

    /// <summary>The recorded episode.</summary>
    public Episode Build() => _builder.Build();
}
