namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>
/// The parsed options of `robodiff plan points`. Samples: plans (classical) or sampled trajectories (mpd); null = 1, or
/// the policy's 50 for mpd. Policy: the trained MPD planner folder (needed by --planner mpd). Sampler/Steps: another
/// sampler of the core for mpd (null: the policy's DDPM over its 25 steps); NoGuidance: sample the prior without cost guidance.
/// </summary>
internal sealed record PointsPlanSettings(string Env, (double X, double Y) Start, (double X, double Y) Goal, string Planner,
    int? Samples, int Seed, double TimeLimit, string? Out, string? SaveTrajectory, string? Policy = null,
    string? Sampler = null, int? Steps = null, bool NoGuidance = false);
