namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Outcome of one Push-T episode. <see cref="Score"/> is the maximum reward over the episode, Diffusion Policy's
/// metric (Chi et al., RSS 2023, Sec. V); <see cref="Success"/> is the strict one: coverage above 0.95 at some step.
/// </summary>
internal sealed record PushTEpisodeResult(long Seed, double Score, bool Success, int Steps, double FinalCoverage);
