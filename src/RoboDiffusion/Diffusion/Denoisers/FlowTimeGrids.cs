namespace RoboDiffusion.Diffusion.Denoisers;

/// <summary>Flow-time grids for <see cref="FlowOde"/>, from t = 1 (noise) down to t = 0 (data); length n + 1.</summary>
public static class FlowTimeGrids
{
    /// <summary>t_i = 1 − i/n (π0 and rectified flow sample with 10 such steps).</summary>
    public static double[] Uniform(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of steps must be at least 1.");
        var t = new double[n + 1];
        for (var i = 0; i <= n; i++) t[i] = 1 - (double)i / n;
        t[n] = 0;
        return t;
    }

    /// <summary>
    /// Uniform times shifted toward the noise end, t' = s·t/(1 + (s − 1)·t) (Esser et al. 2024, "Scaling Rectified Flow
    /// Transformers", timestep shifting; SD3 uses s = 3). s = 1 is <see cref="Uniform"/>.
    /// </summary>
    public static double[] Shifted(int n, double shift)
    {
        if (!(shift > 0) || double.IsInfinity(shift))
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "The shift must be a positive finite number.");
        return [.. Uniform(n).Select(t => shift * t / (1 + (shift - 1) * t))];
    }
}
