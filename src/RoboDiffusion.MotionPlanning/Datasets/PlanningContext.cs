using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Datasets;

/// <summary>One start/goal query of a generated dataset and the collision-free trajectories planned for it.</summary>
public sealed record PlanningContext(int Index, Point2 Start, Point2 Goal, IReadOnlyList<Trajectory> Trajectories, int Attempts);
