using RoboDiffusion.Bench;
using RoboDiffusion.Runtime;

// Benchmarks of the diffusion core and the Push-T env as ratios against raw baselines timed in the same run (docs/benchmarks.md).
// Usage: dotnet run -c Release --project bench/RoboDiffusion.Bench [-- --quick]
TorchRuntime.Initialize();
var quick = args.Contains("--quick");
Console.WriteLine($"## Sampler overhead per denoiser call (batch 1024 × 2, 32 steps, trivial denoiser)\n");
foreach (var line in SamplerOverhead.Run(batch: 1024, steps: 32, repeats: quick ? 3 : 15)) Console.WriteLine(line);
Console.WriteLine($"\n## Training step, MLP 3×128, EDM loss, batch 512\n");
foreach (var line in TrainingStep.Run(batch: 512, steps: quick ? 50 : 200, repeats: quick ? 3 : 7)) Console.WriteLine(line);
Console.WriteLine($"\n## Training step, Diffuser's Maze2D U-Net, batch 32: bf16 mixed precision against fp32\n");
foreach (var line in MixedPrecisionStep.Run(steps: quick ? 3 : 10, repeats: quick ? 1 : 5)) Console.WriteLine(line);
Console.WriteLine($"\n## Push-T environment\n");
foreach (var line in PushTEnvSpeed.Run(seeds: quick ? 4 : 20, repeats: quick ? 3 : 15, episodeRepeats: quick ? 1 : 3)) Console.WriteLine(line);
