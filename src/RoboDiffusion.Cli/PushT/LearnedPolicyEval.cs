using RoboDiffusion.Envs.Rendering;
using RoboDiffusion.Policies.DiffusionPolicy;

namespace RoboDiffusion.Cli.PushT;

/// <summary>What a batched evaluation of a learned policy produced: episodes, chunk latencies and the GIF frames.</summary>
internal sealed record LearnedPolicyEvalResult(PushTEpisodeResult[] Episodes, IReadOnlyList<double> ChunkSeconds, IReadOnlyList<Frame>? GifFrames);

/// <summary>Evaluates a <see cref="DiffusionPolicy"/> folder on Push-T with a progress display and an optional GIF grid.</summary>
internal static class LearnedPolicyEval
{
    /// <summary>Episodes shown in the GIF grid (the first seeds).</summary>
    public const int GifEpisodes = 4;

    public static LearnedPolicyEvalResult Run(DiffusionPolicy policy, PolicyInference inference, long firstSeed, int episodes,
        int maxSteps, bool gif, int gifSize, string label)
    {
        var recorders = gif ? Enumerable.Range(0, Math.Min(GifEpisodes, episodes)).Select(_ => new GifRecorder(gifSize)).ToList() : null;
        var runner = new PushTPolicyRunner(policy, inference);
        var results = ConsoleProgress.RunUnits(label, (long)episodes * maxSteps,
            add => runner.Run(firstSeed, episodes, maxSteps, noiseSeed: firstSeed, recorders, add));
        var frames = recorders is null ? null : FrameGrid.Tile([.. recorders.Select(r => r.Frames)], columns: 2);
        return new LearnedPolicyEvalResult(results, runner.ChunkSeconds, frames);
    }

    /// <summary>The policy's own inference settings with the command line's overrides.</summary>
    public static PolicyInference Inference(DiffusionPolicy policy, string? sampler, int? steps, string? grid) => policy.Config.Inference with
    {
        Sampler = sampler is null ? policy.Config.Inference.Sampler : Diffusion.Samplers.SamplerRegistry.Parse(sampler),
        Steps = steps ?? policy.Config.Inference.Steps,
        Grid = grid is null ? policy.Config.Inference.Grid : Diffusion.Schedules.OptionNames.Parse<Diffusion.Schedules.SigmaGridKind>(grid),
    };
}
