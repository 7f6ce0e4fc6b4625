namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// Gymnasium's step tuple. D4RL's maze never terminates (<c>done = False</c>); <c>Truncated</c> marks its time limit.
/// </summary>
/// <param name="Observation">(x, y, vx, vy) after the step.</param>
/// <param name="Reward">Sparse: 1 while within the goal radius, else 0.</param>
/// <param name="Terminated">Always false, as in D4RL.</param>
/// <param name="Truncated">The episode length (300/600/800 steps) was reached.</param>
public sealed record Maze2DStepResult(double[] Observation, double Reward, bool Terminated, bool Truncated);
