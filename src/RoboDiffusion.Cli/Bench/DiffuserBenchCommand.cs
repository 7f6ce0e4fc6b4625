using System.CommandLine;
using System.Globalization;
using System.Text;
using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Configuration;
using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Runtime;
using Spectre.Console;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// `robodiff bench diffuser`: Diffuser plans per second for each maze's network (configs/maze2d_&lt;maze&gt;.yaml; weights
/// do not change the time, so they are freshly initialized) with DDPM over every training step and 10/20-step
/// DPM-Solver++(2M) (issue 5 §5). Baselines timed in the same run: DDPM (speed-up column) and the bare network forward
/// (sampler overhead column = plan time / (network calls × one forward)).
/// </summary>
internal static class DiffuserBenchCommand
{
    private static readonly string[] Mazes = ["umaze", "medium", "large"];

    private static readonly Option<string> MazeOption = new("--mazes") { DefaultValueFactory = _ => "umaze,medium,large", Description = "Mazes to time (their configs/maze2d_<maze>.yaml networks)" };
    private static readonly Option<string> BatchOption = new("--batch") { DefaultValueFactory = _ => "1", Description = "Plans per sampler call, comma-separated (e.g. 1,100)" };
    private static readonly Option<string> ConfigsOption = new("--configs") { DefaultValueFactory = _ => "configs", Description = "Folder of the maze2d_<maze>.yaml configs" };
    private static readonly Option<int> ThreadsOption = new("--threads") { DefaultValueFactory = _ => 2, Description = "Torch intra-op threads" };
    private static readonly Option<double> BudgetOption = new("--budget") { DefaultValueFactory = _ => 20.0, Description = "Seconds per case after which repetitions stop (≥ 3 reps)" };
    private static readonly Option<string?> MarkdownOption = new("--markdown") { Description = "Write the table as a markdown snippet (docs/benchmarks.md)" };

    public static Command Build()
    {
        var cmd = new Command("diffuser", "Diffuser plans per second per maze: DDPM over every training step vs 10/20-step DPM-Solver++.\n"
            + "Example: robodiff bench diffuser --mazes umaze --batch 1,100")
        {
            MazeOption, BatchOption, ConfigsOption, ThreadsOption, BudgetOption, MarkdownOption,
        };
        cmd.SetAction(r => CliErrors.Guard("bench diffuser", () => Run(r)));
        return cmd;
    }

    private static int Run(ParseResult r)
    {
        var mazes = List(r.GetValue(MazeOption)!);
        foreach (var m in mazes.Where(m => !Mazes.Contains(m)))
            throw new ArgumentException($"Unknown maze '{m}'. Valid mazes: {string.Join(", ", Mazes)}.");
        var batches = List(r.GetValue(BatchOption)!).Select(b => int.TryParse(b, out var n) && n >= 1 ? n
            : throw new ArgumentException($"--batch: '{b}' is not a positive integer.")).ToArray();
        var threads = r.GetValue(ThreadsOption);
        if (threads < 1) throw new ArgumentException($"--threads must be ≥ 1, got {threads}.");
        var budget = r.GetValue(BudgetOption);
        if (!(budget > 0)) throw new ArgumentException($"--budget must be > 0 seconds, got {budget}.");
        var configs = mazes.Select(m => (Maze: m, Config: PlannerConfig(Path.Combine(r.GetValue(ConfigsOption)!, $"maze2d_{m}.yaml")))).ToList();

        using var threadCount = TorchRuntime.Threads(threads);
        var rows = new List<Row>();
        foreach (var (maze, config) in configs)
            foreach (var batch in batches)
                rows.AddRange(TimeMaze(maze, config, batch, budget));
        var setup = string.Create(CultureInfo.InvariantCulture,
            $"libtorch {TorchRuntime.LibTorchVersion}, float32, {threads} thread{(threads == 1 ? "" : "s")}, median of timed plans after one warm-up, load average {LoadAverage()}.");
        AnsiConsole.Write(Table(rows));
        Console.WriteLine(setup);
        Console.WriteLine(Legend);
        if (r.GetValue(MarkdownOption) is { } md) File.WriteAllText(md, Markdown(rows, setup));
        return 0;
    }

    /// <summary>The planner section of a maze's training config, with Maze2D's widths (observation 4, action 2).</summary>
    private static DiffuserConfig PlannerConfig(string path)
    {
        var (method, yaml) = TrainMethod.Read(path);
        if (method != TrainMethod.Diffuser) throw new ArgumentException($"{path} is not a Diffuser config (method: {method}).");
        return YamlConfig.Parse<DiffuserTrainConfig>(yaml, path).Planner.Resolved(observationDim: 4, actionDim: 2);
    }

    private sealed record Row(string Maze, int Horizon, string Sampler, int Steps, int Batch, double Seconds, double BaselineSeconds, double ForwardSeconds)
    {
        public double PlansPerSecond => Batch / Seconds;
        public double SpeedUp => BaselineSeconds / Seconds;
        public double Overhead => Seconds / (Steps * ForwardSeconds);
    }

    /// <summary>One network forward, DDPM over every training step, DPM-Solver++ 20 and 10 steps, interleaved per repetition.</summary>
    private static IEnumerable<Row> TimeMaze(string maze, DiffuserConfig config, int batch, double budget)
    {
        var unit = NormalizerFor(config);
        using var planner = new DiffuserPlanner(config, unit, seed: 0);
        planner.Model.eval();
        var gen = new Generator().manual_seed(0);
        var starts = rand([batch, config.ObservationDim], generator: gen) * 2 - 1;
        var goals = rand([batch, 2], generator: gen) * 2 - 1;
        var steps = config.Objective.Schedule.NumTrainTimesteps;
        PolicyInference[] runs =
        [
            new() { Sampler = SamplerKind.Ddpm, Steps = steps },
            new() { Sampler = SamplerKind.DpmPp2M, Steps = 20 },
            new() { Sampler = SamplerKind.DpmPp2M, Steps = 10 },
        ];
        var forward = Forward(planner, batch, budget);
        var times = runs.Select(run =>
        {
            Console.Error.WriteLine($"bench diffuser: {maze} H={config.Horizon} batch {batch}: {SamplerRegistry.Name(run.Sampler)} × {run.Steps}");
            return BenchTiming.Median(BenchTiming.Seconds(() => Plan(planner, starts, goals, run), warmup: 1, reps: 15, budget));
        }).ToArray();
        return runs.Select((run, i) => new Row(maze, config.Horizon, SamplerRegistry.Name(run.Sampler), run.Steps, batch, times[i], times[0], forward));
    }

    private static void Plan(DiffuserPlanner planner, Tensor starts, Tensor goals, PolicyInference run)
    {
        using var scope = NewDisposeScope();
        planner.Plan(starts, goals, new Generator().manual_seed(1), run);
    }

    private static double Forward(DiffuserPlanner planner, int batch, double budget)
    {
        var c = planner.Config;
        using var x = randn([batch, c.Horizon, c.TransitionDim]);
        using var t = full([batch], 10.0f);
        return BenchTiming.Median(BenchTiming.Seconds(() =>
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            planner.Model.forward(x, t, null);
        }, warmup: 2, reps: 50, budget / 4));
    }

    /// <summary>Identity-range statistics ([−1, 1] per dimension): timing does not depend on them.</summary>
    private static NormalizerSet NormalizerFor(DiffuserConfig c)
    {
        static MinMaxNormalizer Unit(int dim) => MinMaxNormalizer.FromStats([.. Enumerable.Repeat(-1.0, dim)], [.. Enumerable.Repeat(1.0, dim)]);
        return new NormalizerSet(new Dictionary<string, MinMaxNormalizer> { [c.ObservationKey] = Unit(c.ObservationDim), [c.ActionKey] = Unit(c.ActionDim) });
    }

    private static readonly string[] Columns = ["maze", "H", "sampler", "steps", "batch", "ms/call", "plans/s", "speed-up", "overhead"];

    /// <summary>What the last two columns mean, under the table.</summary>
    private const string Legend = "speed-up = DDPM's time / this sampler's time (same maze and batch); overhead = time per call / " +
        "(network calls × one bare forward): sampler, inpainting and x̂₀ clipping cost on top of the network.";

    private static Table Table(IEnumerable<Row> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Diffuser planning speed[/]");
        foreach (var c in Columns) table.AddColumn(c is "maze" or "sampler" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        foreach (var r in rows) table.AddRow(Cells(r));
        return table;
    }

    private static string Markdown(IEnumerable<Row> rows, string setup)
    {
        var sb = new StringBuilder(setup).Append("\n\n| ").AppendJoin(" | ", Columns).Append(" |\n|");
        sb.AppendJoin("", Columns.Select(c => c is "maze" or "sampler" ? "---|" : "---:|")).Append('\n');
        foreach (var r in rows) sb.Append("| ").AppendJoin(" | ", Cells(r)).Append(" |\n");
        return sb.Append('\n').Append(Legend).Append('\n').ToString();
    }

    private static string[] Cells(Row r) =>
    [
        r.Maze, I($"{r.Horizon}"), r.Sampler, I($"{r.Steps}"), I($"{r.Batch}"), I($"{r.Seconds * 1e3:F1}"),
        I($"{r.PlansPerSecond:F2}"), I($"{r.SpeedUp:F1}×"), I($"{r.Overhead:F2}"),
    ];

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static List<string> List(string text) => [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
