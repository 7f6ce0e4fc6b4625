using System.CommandLine;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Experiments.Toy;
using RoboDiffusion.Toy;
using RoboDiffusion.Visualization;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff toy`: the diffusion core end to end on a 2-D distribution (train or exact denoiser, any sampler).</summary>
internal static class ToyCommand
{
    public static Command Build()
    {
        var dataset = new Option<string>("--dataset") { Description = $"Data: {string.Join("|", ToyDatasets.Names)}", DefaultValueFactory = _ => "gmm8" };
        var denoiser = new Option<string>("--denoiser") { Description = "trained (MLP trained here) | exact (closed form, gmm8 only)", DefaultValueFactory = _ => "trained" };
        var trainSteps = new Option<int>("--train-steps") { Description = "Optimizer steps when training", DefaultValueFactory = _ => 4000 };
        var parameterization = new Option<string>("--parameterization") { Description = $"What the network predicts: {string.Join("|", OptionNames.All<Parameterization>())}", DefaultValueFactory = _ => "edm" };
        var sampler = new Option<string>("--sampler") { Description = "Sampler name (see `robodiff samplers`)", DefaultValueFactory = _ => "dpmpp_2m" };
        var steps = new Option<int>("--steps") { Description = "Sampling steps", DefaultValueFactory = _ => 32 };
        var schedule = new Option<string>("--schedule") { Description = $"σ grid: {string.Join("|", OptionNames.All<SigmaGridKind>())}", DefaultValueFactory = _ => "karras" };
        var sigmaMin = new Option<double>("--sigma-min") { Description = "Smallest nonzero σ of the grid", DefaultValueFactory = _ => 0.002 };
        var sigmaMax = new Option<double>("--sigma-max") { Description = "Largest σ; sampling starts at x = σ_max·z", DefaultValueFactory = _ => 80 };
        var eta = new Option<double?>("--eta") { Description = "Noise of ancestral/SDE samplers and DDIM (sampler default if omitted)" };
        var init = new Option<string?>("--init") { Description = "Starting standard-normal noise z, an [n,2] float32/float64 .npy" };
        var n = new Option<int>("--n") { Description = "Number of samples", DefaultValueFactory = _ => 2000 };
        var seed = new Option<long>("--seed") { Description = "Seed of training, noise and evaluation", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Where to write the samples (.npy, [n,2] float64)", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Also draw the samples over the data (.png)" };

        var cmd = new Command("toy",
            "Train (or take the exact) denoiser of a 2-D distribution, sample it with any sampler and σ grid, and print the\n"
            + "sliced Wasserstein-2 distance to fresh data.\n"
            + "Example: robodiff toy --dataset gmm8 --denoiser exact --sampler heun --steps 20 --out samples.npy --plot samples.png")
        {
            dataset, denoiser, trainSteps, parameterization, sampler, steps, schedule, sigmaMin, sigmaMax, eta, init, n, seed, output, plot,
        };
        cmd.SetAction(r => CliErrors.Guard("toy", () =>
        {
            var config = new ToyRunConfig
            {
                Dataset = r.GetValue(dataset)!,
                Denoiser = OptionNames.Parse<ToyDenoiserKind>(r.GetValue(denoiser)),
                TrainSteps = r.GetValue(trainSteps),
                Objective = new ToyRunConfig().Objective with { Parameterization = OptionNames.Parse<Parameterization>(r.GetValue(parameterization)) },
                Sampler = SamplerRegistry.Parse(r.GetValue(sampler)!),
                SamplerOptions = new SamplerOptions { Eta = r.GetValue(eta) },
                Grid = new SigmaGridSpec
                {
                    Kind = OptionNames.Parse<SigmaGridKind>(r.GetValue(schedule)), Steps = r.GetValue(steps),
                    SigmaMin = r.GetValue(sigmaMin), SigmaMax = r.GetValue(sigmaMax),
                },
                Samples = r.GetValue(n),
                Seed = r.GetValue(seed),
            };
            return Run(config, r.GetValue(init), r.GetValue(output)!, r.GetValue(plot));
        }));
        return cmd;
    }

    private static int Run(ToyRunConfig config, string? initPath, string outPath, string? plotPath)
    {
        var z = initPath is null ? null : NpyFile.ReadTensor(initPath);
        if (z is not null) config = config with { Samples = (int)z.shape[0] };
        var result = ToyRun.Run(config, z);
        NpyFile.Write(outPath, result.Samples);

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]robodiff toy[/]").HideHeaders();
        table.AddColumn("key").AddColumn("value");
        table.AddRow("dataset", config.Dataset);
        table.AddRow("denoiser", OptionNames.Name(config.Denoiser));
        table.AddRow("sampler", $"{SamplerRegistry.Name(config.Sampler)}, {config.Grid.Steps} steps on a {OptionNames.Name(config.Grid.Kind)} grid");
        table.AddRow("samples", $"{config.Samples} in {result.SamplingSeconds:F2} s");
        table.AddRow("sliced W2 to data", $"[bold]{result.SlicedWasserstein:F4}[/]");
        table.AddRow("data vs data (floor)", $"{result.NoiseFloor:F4}");
        AnsiConsole.Write(table);
        if (result.Training is { } t)
            AnsiConsole.MarkupLine($"trained {t.Step} steps in {t.Seconds:F1} s ({t.ItersPerSecond:F0} it/s), final loss {t.FinalLoss:F4}");
        AnsiConsole.MarkupLine($"samples → {Markup.Escape(outPath)}");
        if (plotPath is not null)
        {
            PointCloudPlot.Save(plotPath, result.Samples, result.Reference,
                $"{config.Dataset}: {SamplerRegistry.Name(config.Sampler)}, {config.Grid.Steps} steps, SW2 {result.SlicedWasserstein:F3}");
            AnsiConsole.MarkupLine($"plot → {Markup.Escape(plotPath)}");
        }
        // The metric on one plain line, for scripts.
        Console.WriteLine($"sliced_wasserstein2={result.SlicedWasserstein:F6} data_floor={result.NoiseFloor:F6}");
        return 0;
    }
}
