namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>The classical planners by command-line name, with their MPD default parameters.</summary>
public static class MotionPlanners
{
    public static IReadOnlyList<string> Names { get; } = ["rrtconnect", "gpmp2", "chomp", "hybrid"];

    public static IMotionPlanner Create(string name) => name.ToLowerInvariant() switch
    {
        "rrtconnect" => new RrtConnectPlanner(),
        "gpmp2" => new Gpmp2Planner(),
        "chomp" => new ChompPlanner(),
        "hybrid" => new HybridPlanner(),
        _ => throw new ArgumentException($"Unknown planner '{name}'; valid: {string.Join(", ", Names)}."),
    };
}
