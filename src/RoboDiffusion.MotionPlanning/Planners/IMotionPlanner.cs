using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>A planner from a start to a goal position (both at rest) in a world; the same seed gives the same plan.</summary>
public interface IMotionPlanner
{
    /// <summary>Short name used on the command line (rrtconnect, gpmp2, chomp, hybrid).</summary>
    string Name { get; }

    PlanResult Plan(World world, Point2 start, Point2 goal, PlannerBudget budget, int seed);
}
