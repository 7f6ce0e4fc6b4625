using RoboDiffusion.Planners.Diffuser;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>`method: diffuser` and `method: diffuser_value` of `robodiff train` (configs/maze2d_*.yaml): their training and header lines.</summary>
internal static class DiffuserTrainRun
{
    public static DiffuserTraining Create(DiffuserTrainConfig config) => new(config);

    public static IEnumerable<(string, string)> Describe(DiffuserTrainConfig c, DiffuserTraining t)
    {
        var p = t.Planner.Config;
        yield return ("planner", $"H={p.Horizon}, {p.Objective.Schedule.NumTrainTimesteps} diffusion steps, U-Net [{string.Join(", ", p.Unet.DownDims)}], transition {p.TransitionDim}");
    }

    public static ValueTraining CreateValue(ValueTrainConfig config) => new(config);

    public static IEnumerable<(string, string)> DescribeValue(ValueTrainConfig c, ValueTraining t)
    {
        var v = t.Value.Config;
        var returns = t.ReturnsToGo;
        var mean = returns.Average(r => (double)r);
        var std = Math.Sqrt(returns.Average(r => (r - mean) * (r - mean)));
        yield return ("planner", c.Planner ?? "config in the YAML, normalizer fitted on the dataset");
        yield return ("value net", $"H={v.Planner.Horizon}, transition {v.Planner.TransitionDim}, U-Net down path [{string.Join(", ", v.Planner.Unet.DownDims)}]");
        yield return ("targets", $"Σ γ^k {v.RewardKey}, γ = {v.Discount}: mean {mean:F2}, std {std:F2} (MSE of the mean guess {std * std:F2}), " +
                                 $"max {returns.Max():F2}, {returns.Count(r => r > 0) * 100.0 / returns.Count:F1}% of frames > 0");
    }
}
