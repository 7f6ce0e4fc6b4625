using RoboDiffusion.Data;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>
/// The LeRobot features of an MPD trajectory dataset: one episode per trajectory, one frame per support point
/// (64 frames over 5 s, dt = 5/64 s), with the context's start and goal repeated on every frame.
/// </summary>
internal static class MpdFeatures
{
    public const string State = "observation.state";        // x, y, vx, vy
    public const string Start = "observation.start";        // the context's start position
    public const string Goal = "observation.goal";          // the context's goal position
    public const string Context = "context_index";          // which start/goal query the trajectory answers
    public const string Task = "Move the point robot from the start to the goal without collision.";
    public const string RobotType = "point mass";
    public const int Fps = 13;                               // nominal: LeRobot needs an integer, the true rate is 64/5 = 12.8 Hz

    public static IReadOnlyList<FeatureSpec> Create() =>
    [
        FeatureSpec.Floats(State, 4, ["x", "y", "vx", "vy"]),
        FeatureSpec.Floats(Start, 2, ["x", "y"]),
        FeatureSpec.Floats(Goal, 2, ["x", "y"]),
        new(Context, FeatureDType.Int64, [1]),
    ];
}
