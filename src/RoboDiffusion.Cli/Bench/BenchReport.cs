using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace RoboDiffusion.Cli.Bench;

/// <summary>The rows of `robodiff bench policy` as a Spectre table, a markdown snippet for docs/benchmarks.md and JSON.</summary>
internal static class BenchReport
{
    /// <summary>What the training case includes, on both sides.</summary>
    public const string TrainNote = "train_b256 is one optimizer step on the full diffusion loss on both sides: normalize a raw batch, " +
        "draw noise and timesteps, q-sample, predict ε, MSE, backward, AdamW (lr 1e-4, betas 0.95/0.999, wd 1e-6); no EMA, no clipping.";

    public const string ChunkNote = "chunk_100 = DDPM 100 steps, chunk_10 = DDIM (η = 0) 10 steps, leading timesteps, x̂₀ clipped to [−1, 1], " +
        "batch 1, normalize + unnormalize included (ours: DiffusionPolicy.PredictChunk).";

    private static readonly string[] Columns = ["case", "size", "TorchSharp ms", "PyTorch ms", "ratio", "goal"];

    /// <summary>One row per size and case that we timed, in size-then-case order.</summary>
    public static List<BenchRow> Rows(IReadOnlyList<BenchSize> sizes, IReadOnlyDictionary<string, CaseTiming> ours, JsonObject? pytorch) =>
    [
        .. from size in sizes
           from c in BenchCase.All
           let key = TorchSharpPolicyBench.Key(size, c)
           where ours.ContainsKey(key)
           select new BenchRow(c, size.Label, ours[key], PyTorchReference.Timing(pytorch, key)),
    ];

    public static Table Table(IReadOnlyList<BenchRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Diffusion Policy U-Net: TorchSharp vs PyTorch[/]");
        foreach (var c in Columns) table.AddColumn(c == "case" || c == "size" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        foreach (var r in rows)
        {
            var ratio = Ratio(r);
            var color = r.Met switch { true => "green", false => "red", null => "grey" };
            table.AddRow(r.Case.Name, r.Size, Ms(r.Ours), r.PyTorch is { } p ? Ms(p) : "–",
                $"[{color}]{Markup.Escape(ratio)}[/]", Markup.Escape(GoalText(r)));
        }
        return table;
    }

    /// <summary>A markdown table with a setup line above and the notes below.</summary>
    public static string Markdown(IReadOnlyList<BenchRow> rows, string setup)
    {
        var sb = new StringBuilder();
        sb.Append(setup).Append("\n\n");
        sb.Append("| ").AppendJoin(" | ", Columns).Append(" |\n");
        sb.Append('|').AppendJoin("", Columns.Select((_, i) => i < 2 ? "---|" : "---:|")).Append('\n');
        foreach (var r in rows)
        {
            var mark = r.Met switch { true => " ✓", false => " ✗", null => "" };
            sb.Append($"| {r.Case.Name} | {r.Size} | {Ms(r.Ours)} | {(r.PyTorch is { } p ? Ms(p) : "–")} | {Ratio(r)}{mark} | {GoalText(r)} |\n");
        }
        sb.Append('\n').Append(ChunkNote).Append(' ').Append(TrainNote).Append('\n');
        return sb.ToString();
    }

    /// <summary>Both sides' timings, the ratios and the setup, for --json.</summary>
    public static JsonObject Json(IReadOnlyList<BenchRow> rows, JsonObject? pytorch, JsonObject setup)
    {
        var ours = new JsonObject();
        var ratios = new JsonObject();
        foreach (var r in rows)
        {
            var key = $"{r.Size}/{r.Case.Name}";
            ours[key] = new JsonObject
            {
                ["median_s"] = r.Ours.MedianSeconds, ["min_s"] = r.Ours.MinSeconds, ["reps"] = r.Ours.Reps, ["params"] = r.Ours.Parameters,
            };
            ratios[key] = new JsonObject { ["ratio"] = r.Ratio, ["goal"] = r.Goal, ["met"] = r.Met };
        }
        return new JsonObject
        {
            ["setup"] = setup, ["torchsharp"] = ours, ["pytorch"] = pytorch?.DeepClone(), ["ratios"] = ratios,
            ["notes"] = new JsonArray(ChunkNote, TrainNote),
        };
    }

    private static string Ms(CaseTiming t) => (t.MedianSeconds * 1e3).ToString("F2", CultureInfo.InvariantCulture);

    private static string Ratio(BenchRow r) => r.Ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "–";

    private static string GoalText(BenchRow r) => "≤ " + r.Goal.ToString("F1", CultureInfo.InvariantCulture);
}
