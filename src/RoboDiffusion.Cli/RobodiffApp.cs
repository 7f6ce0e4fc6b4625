using System.CommandLine;
using RoboDiffusion.Runtime;

namespace RoboDiffusion.Cli;

/// <summary>Builds the `robodiff` command tree; each verb lives in its own file.</summary>
public static class RobodiffApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("robodiff: diffusion models for robotics, in .NET.");
        root.Subcommands.Add(InfoCommand.Build());
        root.Subcommands.Add(SamplersCommand.Build());
        root.Subcommands.Add(ToyCommand.Build());
        root.Subcommands.Add(PapersCommand.Build());
        root.Subcommands.Add(EnvCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(RenderCommand.Build());
        root.Subcommands.Add(PointWorlds.MpdCollectCommand.AddTo(CollectCommand.Build()));
        root.Subcommands.Add(EvalCommand.Build());
        root.Subcommands.Add(TrainCommand.Build());
        root.Subcommands.Add(PointWorlds.PointsPlanCommand.AddTo(Maze2D.Maze2DPlanCommand.BuildVerb()));
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }

    public static int Run(string[] args)
    {
        TorchRuntime.Initialize();
        return Build().Parse(args).Invoke();
    }
}
