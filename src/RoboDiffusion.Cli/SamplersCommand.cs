using System.CommandLine;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using Spectre.Console;

namespace RoboDiffusion.Cli;

/// <summary>`robodiff samplers`: every sampler, σ grid, β schedule and parameterization the core offers, one line each.</summary>
internal static class SamplersCommand
{
    private static readonly Dictionary<SigmaGridKind, string> GridDescriptions = new()
    {
        [SigmaGridKind.Karras] = "Karras et al. (2022) eq. 5, ρ = 7: dense near σ_min",
        [SigmaGridKind.Exponential] = "evenly spaced in log σ",
        [SigmaGridKind.PolyExponential] = "polynomial in log σ (ρ = 1 is exponential)",
        [SigmaGridKind.VpContinuous] = "continuous VP SDE, β_min 0.1, β_d 19.9 (Song et al. 2021)",
        [SigmaGridKind.Leading] = "discrete β-schedule at diffusers' 'leading' timesteps",
        [SigmaGridKind.Trailing] = "discrete β-schedule at 'trailing' timesteps (starts at T − 1)",
        [SigmaGridKind.Linspace] = "discrete β-schedule at 'linspace' timesteps",
    };

    private static readonly Dictionary<BetaSchedule, string> BetaDescriptions = new()
    {
        [BetaSchedule.Linear] = "β linear from 1e-4 to 0.02 (Ho et al. 2020)",
        [BetaSchedule.ScaledLinear] = "√β linear (Stable Diffusion)",
        [BetaSchedule.SquaredcosCapV2] = "cosine ᾱ, β ≤ 0.999 (Nichol & Dhariwal 2021); Diffusion Policy's",
        [BetaSchedule.Sigmoid] = "β along a sigmoid of linspace(−6, 6)",
    };

    private static readonly Dictionary<Parameterization, string> ParamDescriptions = new()
    {
        [Parameterization.Epsilon] = "network predicts the noise ε (DDPM)",
        [Parameterization.Sample] = "network predicts the clean sample x₀ (Diffuser)",
        [Parameterization.VPrediction] = "network predicts v = αε − σx₀ (Salimans & Ho 2022)",
        [Parameterization.Edm] = "EDM preconditioning c_skip, c_out, c_in, c_noise (Karras et al. 2022)",
        [Parameterization.FlowMatching] = "velocity ε − x₀ on x_t = (1−t)x₀ + tε (rectified flow, π0)",
    };

    public static Command Build()
    {
        var cmd = new Command("samplers",
            "List the samplers, σ grids, β schedules and parameterizations of the diffusion core, one line each.\n"
            + "Example: robodiff samplers");
        cmd.SetAction(_ =>
        {
            Print("Samplers (--sampler)", SamplerRegistry.Kinds.Select(k => (SamplerRegistry.Name(k), SamplerRegistry.Description(k))));
            Print("σ grids (--schedule)", Enum.GetValues<SigmaGridKind>().Select(k => (OptionNames.Name(k), GridDescriptions[k])));
            Print("β schedules (discrete)", Enum.GetValues<BetaSchedule>().Select(k => (OptionNames.Name(k), BetaDescriptions[k])));
            Print("Parameterizations (--parameterization)", Enum.GetValues<Parameterization>().Select(k => (OptionNames.Name(k), ParamDescriptions[k])));
            return 0;
        });
        return cmd;
    }

    private static void Print(string title, IEnumerable<(string Name, string Description)> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(title)}[/]");
        table.AddColumn("name").AddColumn("what it is");
        foreach (var (name, description) in rows) table.AddRow(Markup.Escape(name), Markup.Escape(description));
        AnsiConsole.Write(table);
    }
}
