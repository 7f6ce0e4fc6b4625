namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>How long a planner may run; planners stop and report a failure when it is spent.</summary>
public sealed record PlannerBudget
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    public static PlannerBudget Seconds(double seconds) => seconds > 0 && double.IsFinite(seconds)
        ? new() { TimeLimit = TimeSpan.FromSeconds(seconds) }
        : throw new ArgumentException($"Time limit must be a positive number of seconds, got {seconds}.");
}
