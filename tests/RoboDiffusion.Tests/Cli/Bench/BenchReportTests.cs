using System.Text.Json.Nodes;
using RoboDiffusion.Cli.Bench;

namespace RoboDiffusion.Tests.Cli.Bench;

public sealed class BenchReportTests
{
    private static readonly BenchSize Shipped = new("shipped", [64, 128, 256], 128);

    private static CaseTiming Ms(double ms) => new(ms / 1e3, ms / 1e3, 5, 1000);

    [Fact]
    public void The_ratio_is_our_time_over_the_pytorch_time()
    {
        var row = new BenchRow(BenchCase.Named("forward_b1"), "full", Ms(12), Ms(10));
        Assert.Equal(1.2, row.Ratio!.Value, 12);
    }

    [Theory]
    [InlineData("forward_b1", 10.0, true)]     // parity meets the inference goal
    [InlineData("chunk_100", 10.1, false)]     // 1 % slower misses it
    [InlineData("train_b256", 10.5, true)]     // training may be up to 10 % slower
    [InlineData("train_b256", 11.5, false)]
    public void Inference_must_match_pytorch_and_training_may_be_ten_percent_slower(string name, double oursMs, bool met) =>
        Assert.Equal(met, new BenchRow(BenchCase.Named(name), "full", Ms(oursMs), Ms(10)).Met);

    [Fact]
    public void Without_a_reference_there_is_no_ratio_and_no_verdict()
    {
        var row = new BenchRow(BenchCase.Named("chunk_10"), "shipped", Ms(3), null);
        Assert.Null(row.Ratio);
        Assert.Null(row.Met);
    }

    [Fact]
    public void The_cases_are_the_five_of_the_python_reference_with_their_goals()
    {
        // bench/pytorch/README.md: forward_b1, forward_b50, chunk_100, chunk_10, train_b256
        Assert.Equal(["forward_b1", "forward_b50", "chunk_100", "chunk_10", "train_b256"], BenchCase.All.Select(c => c.Name));
        Assert.All(BenchCase.All.Where(c => !c.IsTraining), c => Assert.Equal(1.0, c.Goal));
        Assert.Equal(1.1, BenchCase.Named("train_b256").Goal);
        Assert.Contains("forward_b1", Assert.Throws<ArgumentException>(() => BenchCase.Named("forward_b2")).Message);
    }

    [Fact]
    public void Rows_pair_our_timings_with_the_python_json_by_key()
    {
        var ours = new Dictionary<string, CaseTiming> { ["shipped/forward_b1"] = Ms(4), ["shipped/train_b256"] = Ms(300) };
        var python = new JsonObject   // the script's format (bench/pytorch/README.md)
        {
            ["shipped/forward_b1"] = new JsonObject { ["median_s"] = 0.002, ["min_s"] = 0.0019, ["reps"] = 50, ["params"] = 1000, ["torch"] = "1.13.0" },
        };
        var rows = BenchReport.Rows([Shipped], ours, python);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2.0, rows[0].Ratio!.Value, 12);   // 4 ms / 2 ms
        Assert.Null(rows[1].PyTorch);                    // the script did not time train_b256
    }

    [Fact]
    public void Markdown_has_one_row_per_result_with_ratio_verdict_and_goal()
    {
        var rows = new List<BenchRow>
        {
            new(BenchCase.Named("forward_b1"), "full", Ms(7), Ms(7)),
            new(BenchCase.Named("train_b256"), "shipped", Ms(1200), Ms(1000)),
            new(BenchCase.Named("chunk_10"), "shipped", Ms(25.5), null),
        };
        var lines = BenchReport.Markdown(rows, "setup line").Split('\n');
        Assert.Equal("setup line", lines[0]);
        Assert.Equal("| case | size | TorchSharp ms | PyTorch ms | ratio | goal |", lines[2]);
        Assert.Equal("|---|---|---:|---:|---:|---:|", lines[3]);
        Assert.Equal("| forward_b1 | full | 7.00 | 7.00 | 1.00 ✓ | ≤ 1.0 |", lines[4]);
        Assert.Equal("| train_b256 | shipped | 1200.00 | 1000.00 | 1.20 ✗ | ≤ 1.1 |", lines[5]);
        Assert.Equal("| chunk_10 | shipped | 25.50 | – | – | ≤ 1.0 |", lines[6]);
        Assert.Contains("full diffusion loss", lines[8]);
    }

    [Fact]
    public void Json_holds_both_sides_and_the_ratios()
    {
        var python = new JsonObject { ["full/forward_b1"] = new JsonObject { ["median_s"] = 0.004 } };
        var rows = BenchReport.Rows([BenchSize.Full], new Dictionary<string, CaseTiming> { ["full/forward_b1"] = Ms(5) }, python);
        var json = BenchReport.Json(rows, python, new JsonObject { ["threads"] = 2 });
        Assert.Equal(0.005, json["torchsharp"]!["full/forward_b1"]!["median_s"]!.GetValue<double>(), 12);
        Assert.Equal(0.004, json["pytorch"]!["full/forward_b1"]!["median_s"]!.GetValue<double>(), 12);
        Assert.Equal(1.25, json["ratios"]!["full/forward_b1"]!["ratio"]!.GetValue<double>(), 12);
        Assert.False(json["ratios"]!["full/forward_b1"]!["met"]!.GetValue<bool>());
    }
}
