namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// Continuous noise-level grids for sampling, from σ_max down to σ_min, with a final σ = 0 appended
/// (k-diffusion's get_sigmas_* functions). Length n + 1.
/// </summary>
public static class SigmaGrids
{
    /// <summary>Karras et al. (2022), eq. 5: σ_i = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ.</summary>
    public static double[] Karras(int n, double sigmaMin, double sigmaMax, double rho = 7.0)
    {
        Validate(n, sigmaMin, sigmaMax);
        double maxInv = Math.Pow(sigmaMax, 1 / rho), minInv = Math.Pow(sigmaMin, 1 / rho);
        return WithZero(n, i => Math.Pow(maxInv + Ramp(i, n) * (minInv - maxInv), rho));
    }

    /// <summary>Evenly spaced in log σ (k-diffusion get_sigmas_exponential).</summary>
    public static double[] Exponential(int n, double sigmaMin, double sigmaMax)
    {
        Validate(n, sigmaMin, sigmaMax);
        double lo = Math.Log(sigmaMin), hi = Math.Log(sigmaMax);
        return WithZero(n, i => Math.Exp(hi + Ramp(i, n) * (lo - hi)));
    }

    /// <summary>Polynomial in log σ: log σ = ramp^ρ·(log σ_max − log σ_min) + log σ_min, ramp 1 → 0 (get_sigmas_polyexponential).</summary>
    public static double[] PolyExponential(int n, double sigmaMin, double sigmaMax, double rho = 1.0)
    {
        Validate(n, sigmaMin, sigmaMax);
        double lo = Math.Log(sigmaMin), hi = Math.Log(sigmaMax);
        return WithZero(n, i => Math.Exp(Math.Pow(1 - Ramp(i, n), rho) * (hi - lo) + lo));
    }

    /// <summary>
    /// The continuous VP SDE of Song et al. (2021): t from 1 to ε_s, σ(t) = √(exp(β_d t²/2 + β_min t) − 1)
    /// (k-diffusion get_sigmas_vp, defaults β_d = 19.9, β_min = 0.1, ε_s = 1e-3).
    /// </summary>
    public static double[] VpContinuous(int n, double betaD = 19.9, double betaMin = 0.1, double epsS = 1e-3)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of steps must be at least 1.");
        if (!(epsS > 0 && epsS < 1)) throw new ArgumentOutOfRangeException(nameof(epsS), epsS, "ε_s must be in (0, 1).");
        return WithZero(n, i =>
        {
            var t = 1 + Ramp(i, n) * (epsS - 1);
            return Math.Sqrt(Math.Exp(betaD * t * t / 2 + betaMin * t) - 1);
        });
    }

    /// <summary>i/(n−1), the 0…1 ramp of torch.linspace(0, 1, n); a single step sits at 0.</summary>
    private static double Ramp(int i, int n) => n == 1 ? 0 : (double)i / (n - 1);

    private static double[] WithZero(int n, Func<int, double> sigma)
    {
        var s = new double[n + 1];
        for (var i = 0; i < n; i++) s[i] = sigma(i);
        return s;
    }

    internal static void Validate(int n, double sigmaMin, double sigmaMax)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of steps must be at least 1.");
        if (!(sigmaMin > 0) || double.IsInfinity(sigmaMin))
            throw new ArgumentOutOfRangeException(nameof(sigmaMin), sigmaMin, "σ_min must be a positive finite number.");
        if (!(sigmaMin < sigmaMax) || double.IsInfinity(sigmaMax))
            throw new ArgumentException($"σ_min ({sigmaMin}) must be smaller than σ_max ({sigmaMax}), and σ_max finite.");
    }
}
