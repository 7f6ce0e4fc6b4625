namespace RoboDiffusion.Envs.Maze2D;

/// <summary>One evaluation episode: its reset seed, sparse return, D4RL normalized score and the first step with reward (−1: never).</summary>
public sealed record Maze2DEpisodeResult(long Seed, double Return, double NormalizedScore, int Steps, int FirstRewardStep);
