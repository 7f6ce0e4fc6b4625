namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>The β_t of each <see cref="BetaSchedule"/>, in float64 (diffusers computes the same formulas in float32).</summary>
public static class BetaSchedules
{
    /// <summary>Largest β of the cosine schedule; Nichol &amp; Dhariwal (2021), §3.2, avoid the singularity at t = T.</summary>
    public const double MaxCosineBeta = 0.999;

    /// <summary>Largest β of the exponential schedule: MPD's last β is exactly β_end = 1, which makes ᾱ = 0 and σ = ∞.</summary>
    public const double MaxExponentialBeta = 0.999;

    /// <summary>Offset s of the cosine schedule, Nichol &amp; Dhariwal (2021), eq. 17.</summary>
    public const double CosineOffset = 0.008;

    /// <summary>The T values β_0 … β_{T−1}.</summary>
    public static double[] Compute(DiscreteScheduleConfig config)
    {
        var c = config.Validated();
        var n = c.NumTrainTimesteps;
        return c.Schedule switch
        {
            BetaSchedule.Linear => Linspace(c.BetaStart, c.BetaEnd, n),
            BetaSchedule.ScaledLinear => [.. Linspace(Math.Sqrt(c.BetaStart), Math.Sqrt(c.BetaEnd), n).Select(b => b * b)],
            BetaSchedule.SquaredcosCapV2 => Cosine(n),
            BetaSchedule.Exponential => Exponential(c.BetaStart, c.BetaEnd, n),
            BetaSchedule.Sigmoid => [.. Linspace(-6, 6, n).Select(u => Sigmoid(u) * (c.BetaEnd - c.BetaStart) + c.BetaStart)],
            _ => throw new ArgumentOutOfRangeException(nameof(config), c.Schedule, "Unknown β schedule."),
        };
    }

    /// <summary>The cosine ᾱ(t) = cos²((t + s)/(1 + s)·π/2) for t ∈ [0, 1]; Nichol &amp; Dhariwal (2021), eq. 17, without the 1/f(0) normalization.</summary>
    public static double CosineAlphaBar(double t)
    {
        var c = Math.Cos((t + CosineOffset) / (1 + CosineOffset) * Math.PI / 2);
        return c * c;
    }

    /// <summary>β_i = min(1 − ᾱ((i+1)/T)/ᾱ(i/T), 0.999), so ∏(1 − β) telescopes to ᾱ((i+1)/T)/ᾱ(0).</summary>
    private static double[] Cosine(int n)
    {
        var betas = new double[n];
        for (var i = 0; i < n; i++)
            betas[i] = Math.Min(1 - CosineAlphaBar((i + 1.0) / n) / CosineAlphaBar((double)i / n), MaxCosineBeta);
        return betas;
    }

    /// <summary>β_start·(β_end/β_start)^(x_i/T) with x = linspace(0, T, T): the grid spans T, not T − 1, so the last β is β_end.</summary>
    private static double[] Exponential(double betaStart, double betaEnd, int n) =>
        [.. Linspace(0, n, n).Select(x => Math.Min(betaStart * Math.Exp(x * Math.Log(betaEnd / betaStart) / n), MaxExponentialBeta))];

    private static double[] Linspace(double start, double end, int n)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = start + (end - start) * i / (n - 1);
        v[n - 1] = end;                                       // exact endpoint, as numpy/torch linspace
        return v;
    }

    private static double Sigmoid(double u) => 1 / (1 + Math.Exp(-u));
}
