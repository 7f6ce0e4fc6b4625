using RoboDiffusion.Cli.Bench;

namespace RoboDiffusion.Tests.Cli.Bench;

[Collection("Console")]
public sealed class PolicyBenchCliTests
{
    /// <summary>Parses `policy ARGS` without running anything: the action only captures the options.</summary>
    private static (int Code, PolicyBenchOptions? Options, string Error) Parse(params string[] args)
    {
        PolicyBenchOptions? got = null;
        var command = new PolicyBenchCli().Command(o => { got = o; return 0; });
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try { return (command.Parse(args).Invoke(), got, error.ToString()); }
        finally { Console.SetError(saved); }
    }

    [Fact]
    public void Defaults_are_the_shipped_config_both_sizes_and_passive_openmp()
    {
        var (code, o, _) = Parse();
        Assert.Equal(0, code);
        Assert.NotNull(o);
        Assert.Equal([64, 128, 256], o.DownDims);   // configs/pusht_state_unet.yaml
        Assert.Equal(128, o.StepEmbed);
        Assert.Equal(["full", "shipped"], o.Sizes);
        Assert.Equal(OmpWait.Passive, o.OmpWait);
        Assert.False(o.Quick);
        Assert.False(o.NoPyTorch);
        Assert.Equal(0, o.MemorySteps);
        Assert.Equal(256, o.MemoryBatch);   // train_b256's batch
    }

    [Fact]
    public void Every_option_reaches_the_record()
    {
        var (code, o, _) = Parse("--down-dims", "32, 64", "--step-embed", "64", "--sizes", "shipped", "--quick", "--no-pytorch",
            "--threads", "1", "--omp-wait", "inherit", "--json", "a.json", "--markdown", "b.md", "--memory-steps", "1000", "--memory-batch", "32", "--budget", "5");
        Assert.Equal(0, code);
        Assert.NotNull(o);
        Assert.Equal([32, 64], o.DownDims);
        Assert.Equal(64, o.StepEmbed);
        Assert.Equal(["shipped"], o.Sizes);
        Assert.True(o.Quick);
        Assert.True(o.NoPyTorch);
        Assert.Equal(1, o.Threads);
        Assert.Equal(OmpWait.Inherit, o.OmpWait);
        Assert.Equal("a.json", o.JsonPath);
        Assert.Equal("b.md", o.MarkdownPath);
        Assert.Equal(1000, o.MemorySteps);
        Assert.Equal(32, o.MemoryBatch);
        Assert.Equal(5.0, o.BudgetSeconds);
        var size = Assert.Single(o.ResolvedSizes());
        Assert.Equal(new BenchSize("shipped", [32, 64], 64).DimsText, size.DimsText);
        Assert.Equal(64, size.StepEmbed);
    }

    [Fact]
    public void The_full_size_is_the_papers_with_step_embedding_256_whatever_the_shipped_options()
    {
        var (_, o, _) = Parse("--sizes", "full", "--step-embed", "64");
        var full = Assert.Single(o!.ResolvedSizes());
        Assert.Equal([256, 512, 1024], full.DownDims);
        Assert.Equal(256, full.StepEmbed);
    }

    [Fact]
    public void A_malformed_down_dims_entry_fails_with_exit_code_2_and_names_it()
    {
        var (code, o, error) = Parse("--down-dims", "64,x,256");
        Assert.Equal(2, code);
        Assert.Null(o);
        Assert.Contains("'x'", error);
    }

    [Fact]
    public void An_unknown_size_fails_and_lists_the_valid_ones()
    {
        var (code, _, error) = Parse("--sizes", "huge");
        Assert.Equal(2, code);
        Assert.Contains("huge", error);
        Assert.Contains("full, shipped", error);
    }

    [Fact]
    public void The_pytorch_script_gets_the_same_sizes_threads_and_wait_policy()
    {
        var o = new PolicyBenchOptions { DownDims = [32, 64], StepEmbed = 64, Sizes = ["shipped"], Threads = 2, Quick = true };
        var args = string.Join(" ", PyTorchReference.Arguments(o, "out.json"));
        Assert.Contains("--sizes shipped", args);
        Assert.Contains("--down-dims 32,64", args);
        Assert.Contains("--step-embed 64", args);
        Assert.Contains("--threads 2", args);
        Assert.Contains("--omp-wait passive", args);
        Assert.Contains("--json out.json", args);
        Assert.EndsWith("--quick", args);
    }

    [Theory]
    [InlineData("passive", "PASSIVE", true)]
    [InlineData("passive", "passive", true)]
    [InlineData("passive", null, false)]
    [InlineData("passive", "ACTIVE", false)]
    [InlineData("active", "active", true)]
    [InlineData("inherit", null, true)]
    public void A_rerun_is_needed_only_when_the_wait_policy_differs(string wanted, string? current, bool satisfied) =>
        Assert.Equal(satisfied, OmpWaitEnvironment.Satisfied(Enum.Parse<OmpWait>(wanted, ignoreCase: true), current));
}
