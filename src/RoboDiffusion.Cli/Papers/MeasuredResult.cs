namespace RoboDiffusion.Cli.Papers;

/// <summary>What RoboDiffusion measured for a method; a null <see cref="Value"/> means pending (not run yet).</summary>
internal sealed record MeasuredResult(string Metric, string? Value)
{
    public bool IsPending => Value is null;
}
