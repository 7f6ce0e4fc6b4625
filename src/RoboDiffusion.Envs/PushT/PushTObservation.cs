namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// Everything the three Push-T variants observe. <see cref="Vector"/> is the low-dimensional observation of the
/// configured type; <see cref="Image"/> is filled for the image type only ([3, 96, 96] floats in [0, 1]).
/// </summary>
public sealed record PushTObservation(double[] State, double[] Keypoints, float[]? Image, PushTObservationType Type)
{
    /// <summary>Agent position (x, y): the proprioceptive part of every variant.</summary>
    public (double X, double Y) AgentPosition => (State[0], State[1]);

    /// <summary>State (5) for the state type, keypoints (20) for the keypoint type, agent position (2) for images.</summary>
    public double[] Vector => Type switch
    {
        PushTObservationType.State => State,
        PushTObservationType.Keypoints => Keypoints,
        _ => [State[0], State[1]],
    };
}
