using System.CommandLine;
using RoboDiffusion.Cli.Bench;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff bench policy` (our Diffusion Policy against the PyTorch reference) and `robodiff bench diffuser` (plans per second).</summary>
internal static class BenchCommand
{
    public static Command Build() => new("bench", "Performance benchmarks measured as ratios against a reference in the same run.")
    {
        new PolicyBenchCli().Command(PolicyBenchRunner.Run),
        DiffuserBenchCommand.Build(),
        PlannersBenchCommand.Build(),
    };
}
