using System.Globalization;

namespace RoboDiffusion.Cli.Bench;

/// <summary>Times every case of <see cref="BenchCase.All"/> on our side for each size; progress lines go to a writer.</summary>
internal static class TorchSharpPolicyBench
{
    /// <summary>Results keyed "size/case", like the Python JSON.</summary>
    public static Dictionary<string, CaseTiming> Run(PolicyBenchOptions options, TextWriter progress)
    {
        var results = new Dictionary<string, CaseTiming>();
        foreach (var size in options.ResolvedSizes())
        {
            using var cases = new PolicyCases(size);
            progress.WriteLine(FormattableString.Invariant(
                $"torchsharp │ {size.Label}: down_dims [{size.DimsText}], step embedding {size.StepEmbed}, {cases.ParameterCount:N0} parameters"));
            foreach (var c in BenchCase.All)
            {
                var times = BenchTiming.Seconds(cases.Body(c), options.Quick ? c.QuickWarmup : c.Warmup,
                    options.Quick ? c.QuickReps : c.Reps, options.BudgetSeconds);
                var timing = new CaseTiming(BenchTiming.Median(times), times.Min(), times.Length, cases.ParameterCount);
                results[Key(size, c)] = timing;
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"torchsharp │   {Key(size, c),-22} median {timing.MedianSeconds * 1e3,10:F2} ms  min {timing.MinSeconds * 1e3,10:F2} ms  reps {timing.Reps,3}"));
            }
        }
        return results;
    }

    /// <summary>"full/forward_b1": the key both sides use.</summary>
    public static string Key(BenchSize size, BenchCase c) => $"{size.Label}/{c.Name}";
}
