using System.CommandLine;
using RoboDiffusion.Runtime;
using TorchSharp;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff info`: versions and threads, to check an installation.</summary>
internal static class InfoCommand
{
    public static Command Build()
    {
        var cmd = new Command("info", "Print libtorch version, threads and cores.\nExample: robodiff info");
        cmd.SetAction(_ =>
        {
            Console.WriteLine($"libtorch {TorchRuntime.LibTorchVersion}, threads {torch.get_num_threads()}, cores {Environment.ProcessorCount}");
            return 0;
        });
        return cmd;
    }
}
