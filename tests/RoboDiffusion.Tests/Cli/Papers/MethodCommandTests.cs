using RoboDiffusion.Cli;
using RoboDiffusion.Cli.Papers;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;

namespace RoboDiffusion.Tests.Cli.Papers;

/// <summary>The commands implemented.json advertises for implemented methods are valid `robodiff` command lines.</summary>
public sealed class MethodCommandTests
{
    public static TheoryData<string> ImplementedMethods() =>
        [.. PaperCatalog.Default.Methods.Methods.Where(m => m.Status == MethodStatus.Implemented).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ImplementedMethods))]
    public void Command_of_an_implemented_method_parses_with_known_option_values(string name)
    {
        var command = PaperCatalog.Default.Methods.Find(name)!.Command;
        var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("robodiff", tokens[0]);
        var parsed = RobodiffApp.Build().Parse(tokens[1..]);   // parsing only: nothing runs
        Assert.True(parsed.Errors.Count == 0, $"{command}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        // Option values are checked when the verb runs; check them here against the library's registries.
        if (ValueOf(tokens, "--sampler") is { } sampler) SamplerRegistry.Parse(sampler);
        if (ValueOf(tokens, "--parameterization") is { } p) OptionNames.Parse<Parameterization>(p);
        if (ValueOf(tokens, "--schedule") is { } s) OptionNames.Parse<SigmaGridKind>(s);
    }

    private static string? ValueOf(string[] tokens, string option)
    {
        var i = Array.IndexOf(tokens, option);
        return i >= 0 && i + 1 < tokens.Length ? tokens[i + 1] : null;
    }
}
