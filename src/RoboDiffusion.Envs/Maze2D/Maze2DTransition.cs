namespace RoboDiffusion.Envs.Maze2D;

/// <summary>One recorded step: the observation before the action, the action, the controller's target and the env reward after it.</summary>
public readonly record struct Maze2DTransition(double[] Observation, double[] Action, (double X, double Y) Target, double Reward);
