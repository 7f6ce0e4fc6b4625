namespace RoboDiffusion.Data;

/// <summary>
/// The Push-T feature set (issue 3), named as in LeRobot's lerobot/pusht dataset: agent position, block pose, block
/// keypoints, target action, next.reward/done/success, and optionally the 96x96 RGB image.
/// </summary>
public static class PushTFeatures
{
    /// <summary>Agent position (x, y) in the 512x512 world.</summary>
    public const string State = "observation.state";
    /// <summary>Block pose (x, y, angle).</summary>
    public const string EnvironmentState = "observation.environment_state";
    /// <summary>Block keypoints in world coordinates, 9 points x (x, y), like diffusion_policy's zarr "keypoint".</summary>
    public const string Keypoints = "observation.keypoints";
    /// <summary>Rendered RGB frame.</summary>
    public const string Image = "observation.image";
    /// <summary>Absolute target position of the agent.</summary>
    public const string Action = "action";
    /// <summary>Reward reached after this frame's action.</summary>
    public const string Reward = "next.reward";
    /// <summary>Episode ended after this frame's action.</summary>
    public const string Done = "next.done";
    /// <summary>Coverage exceeded the success threshold after this frame's action.</summary>
    public const string Success = "next.success";

    /// <summary>LeRobot's Push-T task string (former examples/port_datasets/pusht_zarr.py).</summary>
    public const string Task = "Push the T-shaped blue block onto the T-shaped green target surface.";
    /// <summary>Robot type of the porting script.</summary>
    public const string RobotType = "2d pointer";
    /// <summary>Control rate of the environment.</summary>
    public const int Fps = 10;
    /// <summary>Block keypoints per frame.</summary>
    public const int KeypointCount = 9;

    /// <summary>The features in column order; <paramref name="imageSize"/> adds an image feature of that size.</summary>
    public static IReadOnlyList<FeatureSpec> Create(int? imageSize = null)
    {
        List<FeatureSpec> f =
        [
            FeatureSpec.Floats(State, 2, ["x", "y"]),
            FeatureSpec.Floats(EnvironmentState, 3, ["x", "y", "theta"]),
            FeatureSpec.Floats(Keypoints, 2 * KeypointCount),
            FeatureSpec.Floats(Action, 2, ["x", "y"]),
            FeatureSpec.Floats(Reward, 1),
            FeatureSpec.Flag(Done),
            FeatureSpec.Flag(Success),
        ];
        if (imageSize is { } s) f.Insert(3, FeatureSpec.Rgb(Image, s, s));
        return f;
    }
}
