using System.CommandLine;

namespace RoboDiffusion.Cli.Bench;

/// <summary>The options of `robodiff bench policy` and their reading into a <see cref="PolicyBenchOptions"/>.</summary>
internal sealed class PolicyBenchCli
{
    private readonly Option<string> _downDims = new("--down-dims") { DefaultValueFactory = _ => "64,128,256", Description = "Channels per level of the shipped size" };
    private readonly Option<int> _stepEmbed = new("--step-embed") { DefaultValueFactory = _ => 128, Description = "Step embedding width of the shipped size (configs/pusht_state_unet.yaml: 128; full: 256)" };
    private readonly Option<string> _sizes = new("--sizes") { DefaultValueFactory = _ => "full,shipped", Description = "Sizes to time: full, shipped or both" };
    private readonly Option<bool> _quick = new("--quick") { Description = "Few repetitions: a smoke run" };
    private readonly Option<int> _threads = new("--threads") { DefaultValueFactory = _ => DefaultThreads(), Description = "Threads on both sides (default RD_THREADS or 2)" };
    private readonly Option<OmpWait> _ompWait = new("--omp-wait") { DefaultValueFactory = _ => OmpWait.Passive, Description = "OMP_WAIT_POLICY on both sides: passive, active or inherit" };
    private readonly Option<bool> _noPyTorch = new("--no-pytorch") { Description = "Skip the PyTorch reference (bench/pytorch/policy_bench.py)" };
    private readonly Option<string?> _json = new("--json") { Description = "Write both sides' timings and the ratios here" };
    private readonly Option<string?> _markdown = new("--markdown") { Description = "Write the table as a markdown snippet (docs/benchmarks.md)" };
    private readonly Option<long> _memorySteps = new("--memory-steps") { Description = "Instead: N training steps (shipped size, batch --memory-batch), RSS every 500" };
    private readonly Option<int> _memoryBatch = new("--memory-batch") { DefaultValueFactory = _ => 256, Description = "Batch of the --memory-steps training steps" };
    private readonly Option<double> _budget = new("--budget") { DefaultValueFactory = _ => 30.0, Description = "Seconds per case after which repetitions stop (≥ 3 reps)" };

    /// <summary>The `policy` command; <paramref name="run"/> receives the validated options.</summary>
    public Command Command(Func<PolicyBenchOptions, int> run)
    {
        var cmd = new Command("policy",
            "Diffusion Policy U-Net speed as TorchSharp/PyTorch time ratios, measured in one run (goal ≤ 1.0 inference, ≤ 1.1 training).\n"
            + "Example: robodiff bench policy --quick --markdown bench.md")
        {
            _downDims, _stepEmbed, _sizes, _quick, _threads, _ompWait, _noPyTorch, _json, _markdown, _memorySteps, _memoryBatch, _budget,
        };
        cmd.SetAction(r => CliErrors.Guard("bench policy", () => run(Read(r))));
        return cmd;
    }

    /// <summary>The options of a parse result, validated.</summary>
    public PolicyBenchOptions Read(ParseResult r) => new PolicyBenchOptions
    {
        DownDims = PolicyBenchOptions.ParseDims(r.GetValue(_downDims)!),
        StepEmbed = r.GetValue(_stepEmbed),
        Sizes = [.. r.GetValue(_sizes)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        Quick = r.GetValue(_quick),
        Threads = r.GetValue(_threads),
        OmpWait = r.GetValue(_ompWait),
        NoPyTorch = r.GetValue(_noPyTorch),
        JsonPath = r.GetValue(_json),
        MarkdownPath = r.GetValue(_markdown),
        MemorySteps = r.GetValue(_memorySteps),
        MemoryBatch = r.GetValue(_memoryBatch),
        BudgetSeconds = r.GetValue(_budget),
    }.Validated();

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("RD_THREADS"), out var n) && n >= 1 ? n : 2;
}
