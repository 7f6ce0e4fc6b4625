namespace RoboDiffusion.Cli.PushT;

/// <summary>Aggregates of a batch of episodes: the paper's mean score (mean of per-episode max reward) and the strict success rate.</summary>
internal sealed record PushTEvalSummary(int Episodes, double MeanScore, double SuccessRate, double MeanSteps, int TotalSteps, double WallSeconds)
{
    public double EpisodesPerMinute => WallSeconds > 0 ? Episodes / WallSeconds * 60 : double.PositiveInfinity;

    public static PushTEvalSummary From(IReadOnlyList<PushTEpisodeResult> results, double wallSeconds) => results.Count == 0
        ? throw new ArgumentException("No episodes to summarize.")
        : new(results.Count, results.Average(r => r.Score), results.Average(r => r.Success ? 1.0 : 0.0),
            results.Average(r => (double)r.Steps), results.Sum(r => r.Steps), wallSeconds);
}
