using RoboDiffusion.Bench;
using RoboDiffusion.Runtime;

// Benchmarks of the diffusion core, the Push-T env and the literature search as ratios against baselines timed in the
// same run (docs/benchmarks.md).
// Usage: dotnet run -c Release --project bench/RoboDiffusion.Bench [-- --quick] [--only sampler|training|bf16|papers|pusht]
TorchRuntime.Initialize();
var quick = args.Contains("--quick");
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
(string Name, string Title, Func<IEnumerable<string>> Run)[] sections =
[
    ("sampler", "Sampler overhead per denoiser call (batch 1024 × 2, 32 steps, trivial denoiser)",
        () => SamplerOverhead.Run(batch: 1024, steps: 32, repeats: quick ? 3 : 15)),
    ("training", "Training step, MLP 3×128, EDM loss, batch 512",
        () => TrainingStep.Run(batch: 512, steps: quick ? 50 : 200, repeats: quick ? 3 : 7)),
    ("bf16", "Training step, bf16 mixed precision against fp32: Diffuser's Maze2D U-Net and Diffusion Policy's image encoder",
        () => MixedPrecisionStep.Run(steps: quick ? 3 : 10, repeats: quick ? 1 : 5)),
    ("papers", "Literature search (robodiff papers)", () => PaperSearchSpeed.Run(repeats: quick ? 5 : 30)),
    ("pusht", "Push-T environment",
        () => PushTEnvSpeed.Run(seeds: quick ? 4 : 20, repeats: quick ? 3 : 15, episodeRepeats: quick ? 1 : 3)),
];
if (only is not null && sections.All(s => s.Name != only))
{
    Console.Error.WriteLine($"unknown section '{only}'; sections: {string.Join(", ", sections.Select(s => s.Name))}");
    return 2;
}
foreach (var (name, title, run) in sections.Where(s => only is null || s.Name == only))
{
    Console.WriteLine($"## {title}\n");
    foreach (var line in run()) Console.WriteLine(line);
    Console.WriteLine();
}
return 0;
