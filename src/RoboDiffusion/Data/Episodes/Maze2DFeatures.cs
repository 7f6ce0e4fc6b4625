namespace RoboDiffusion.Data;

/// <summary>
/// The Maze2D feature set (issue 5 §2): D4RL's maze2d observation (x, y, vx, vy), the force action, the controller's
/// target (D4RL's infos/goal), and next.reward/next.done. One frame per 0.01 s MuJoCo step (frame_skip 1).
/// </summary>
public static class Maze2DFeatures
{
    /// <summary>Ball position and velocity (qpos, qvel).</summary>
    public const string State = "observation.state";
    /// <summary>The target the data policy was steering to (x, y).</summary>
    public const string Goal = "observation.goal";
    /// <summary>Motor command in [−1, 1]² (gear 100).</summary>
    public const string Action = "action";
    /// <summary>Sparse reward toward the maze's goal after this frame's action.</summary>
    public const string Reward = "next.reward";
    /// <summary>Episode ended after this frame's action.</summary>
    public const string Done = "next.done";

    /// <summary>Task string of every episode.</summary>
    public const string Task = "Move the ball through the maze to the goal.";
    /// <summary>Robot type written to info.json.</summary>
    public const string RobotType = "point mass";
    /// <summary>Control rate: one 0.01 s MuJoCo step per action.</summary>
    public const int Fps = 100;

    /// <summary>The features in column order.</summary>
    public static IReadOnlyList<FeatureSpec> Create() =>
    [
        FeatureSpec.Floats(State, 4, ["x", "y", "vx", "vy"]),
        FeatureSpec.Floats(Goal, 2, ["x", "y"]),
        FeatureSpec.Floats(Action, 2, ["fx", "fy"]),
        FeatureSpec.Floats(Reward, 1),
        FeatureSpec.Flag(Done),
    ];
}
