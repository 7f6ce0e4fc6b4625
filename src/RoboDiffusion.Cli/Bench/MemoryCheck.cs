using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// Leak check: training steps (batch 256 unless --memory-batch says otherwise: a leak is per step, not per sample) on
/// the shipped size, printing the resident set every 500 steps. Growth from step 500 (the allocator has settled by
/// then) to the end below 5 % counts as flat. The count of live TorchSharp tensors (created, not yet disposed or
/// finalized) is printed beside it: a leak of undisposed tensors makes it climb step after step.
/// </summary>
internal static class MemoryCheck
{
    public const int Every = 500;
    public const double FlatLimit = 0.05;

    public static int Run(PolicyBenchOptions options, TextWriter output)
    {
        using var cases = new PolicyCases(options.Shipped);
        var body = cases.Body(BenchCase.Named("train_b256") with { Size = options.MemoryBatch });
        output.WriteLine(FormattableString.Invariant(
            $"memory check: down_dims [{options.Shipped.DimsText}], step embedding {options.StepEmbed}, {options.MemorySteps} training steps at batch {options.MemoryBatch}"));
        var samples = new List<(long Step, double Mb)>();
        var liveTensors = new List<long>();
        var clock = Stopwatch.StartNew();
        for (var step = 1L; step <= options.MemorySteps; step++)
        {
            body();
            if (step != 1 && step % Every != 0 && step != options.MemorySteps) continue;
            samples.Add((step, RssMb()));
            liveTensors.Add(torch.Tensor.TotalCount);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  step {step,7}  RSS {samples[^1].Mb,8:F1} MB  live tensors {liveTensors[^1],6}  {step / clock.Elapsed.TotalSeconds,6:F2} steps/s"));
        }
        var (from, growth) = Growth(samples);
        var first = Math.Min(1, samples.Count - 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS growth from step {from} to {samples[^1].Step}: {growth * 100:+0.0;-0.0} % → {(IsFlat(growth) ? "flat" : "GROWING (possible leak)")}; " +
            $"live tensors {liveTensors[first]} at step {samples[first].Step}, {liveTensors.Max()} at most, {liveTensors[^1]} at the end"));
        return 0;
    }

    /// <summary>Relative RSS growth from the sample at step <see cref="Every"/> (or the first, for shorter runs) to the last.</summary>
    public static (long FromStep, double Growth) Growth(IReadOnlyList<(long Step, double Mb)> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("The memory check needs at least one sample.");
        var last = samples[^1];
        var baseline = samples.FirstOrDefault(s => s.Step >= Every && s.Step < last.Step, samples[0]);
        return (baseline.Step, (last.Mb - baseline.Mb) / baseline.Mb);
    }

    public static bool IsFlat(double growth) => growth < FlatLimit;

    /// <summary>Resident set size: VmRSS of /proc/self/status on Linux, else the working set.</summary>
    private static double RssMb()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
            foreach (var line in File.ReadLines(Status))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;   // kB
        return Environment.WorkingSet / 1048576.0;
    }
}
