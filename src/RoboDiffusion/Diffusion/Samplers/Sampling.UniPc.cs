using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

public static partial class Sampling
{
    /// <summary>
    /// UniPC (Zhao et al. 2023): the multistep predictor UniP-p followed, once the next D is known, by the corrector UniC-p,
    /// with B(h) = e^{h} − 1 ("bh2", taken at −h for the data prediction; diffusers UniPCMultistepScheduler, predict_x0 = True,
    /// lower_order_final = True). Works in λ = −log σ; order (default 2, at most 3) warms up over the first steps and
    /// drops to min(order, steps left) at the end, so the last step to σ = 0 is first order (x = D).
    /// The corrector reuses the D of the uncorrected point, so each step costs one denoiser call.
    /// </summary>
    public static Tensor UniPc(Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null)
    {
        options ??= new SamplerOptions();
        var order = options.Order ?? 2;
        var history = new List<(Tensor Denoised, double Sigma)>();                            // newest last
        Tensor? lastSample = null;
        var (thisOrder, warmup) = (1, 0);
        try
        {
            return SamplerLoop.Run(x, sigmas, options, noise, (i, x, _) =>
            {
                var denoised = SamplerLoop.Denoise(denoise, x, sigmas[i], i);
                onStep?.Invoke(new SampleStep(i, sigmas[i], sigmas[i], x, denoised));
                if (lastSample is not null)                                                  // 1. UniC-p on the last step
                    x = UniStep(lastSample, history, sigmas[i], thisOrder, denoised);
                history.Add((SamplerLoop.Keep(denoised, null), sigmas[i]));
                if (history.Count > order) { history[0].Denoised.Dispose(); history.RemoveAt(0); }
                thisOrder = Math.Min(Math.Min(order, sigmas.Length - 1 - i), warmup + 1);    // 2. warm-up, lower order final
                lastSample = SamplerLoop.Keep(x, lastSample);
                var predicted = UniStep(x, history, sigmas[i + 1], thisOrder, null);          // 3. UniP-p
                warmup = Math.Min(warmup + 1, order);
                return predicted;
            }, check: () =>
            {
                if (order > 3) throw new ArgumentOutOfRangeException(nameof(options), order, "UniPC supports orders 1, 2 and 3.");
            });
        }
        finally
        {
            lastSample?.Dispose();
            foreach (var (d, _) in history) d.Dispose();
        }
    }

    /// <summary>
    /// One UniP-p (<paramref name="denoisedAtTarget"/> null) or UniC-p step from the newest history point σ_s to σ_t:
    /// x_t = (σ_t/σ_s)·x − (e^{−h} − 1)·D_s − B(h)·Σ_k ρ_k·D1_k with D1_k = (D_{s_k} − D_s)/r_k, r_k = (λ_{s_k} − λ_s)/h,
    /// and ρ solving R·ρ = b (diffusers multistep_uni_p_bh_update / multistep_uni_c_bh_update, Zhao et al. 2023, Alg. 2-3).
    /// </summary>
    private static Tensor UniStep(Tensor x, List<(Tensor Denoised, double Sigma)> history, double sigmaT, int order, Tensor? denoisedAtTarget)
    {
        var (m0, sigmaS) = history[^1];
        var ratio = sigmaT / sigmaS;                                                          // e^{−h}
        var baseStep = ratio * x - (ratio - 1) * m0;
        var corrector = denoisedAtTarget is not null;
        if (order == 1 && !corrector) return baseStep;
        var h = Math.Log(sigmaS / sigmaT);
        var rks = new double[order];
        var d1s = new Tensor[order - 1];
        for (var k = 1; k < order; k++)
        {
            var (mk, sigmaK) = history[^(k + 1)];
            rks[k - 1] = Math.Log(sigmaS / sigmaK) / h;
            d1s[k - 1] = (mk - m0) / rks[k - 1];
        }
        rks[^1] = 1.0;
        var (matrix, b, bh) = UniPcSystem(rks, -h);
        var sum = zeros_like(x);
        if (!corrector)
        {
            var rhos = order == 2 ? [0.5] : Solve(Leading(matrix, order - 1), b[..(order - 1)]);
            for (var k = 0; k < order - 1; k++) sum = sum + rhos[k] * d1s[k];
        }
        else
        {
            var rhos = order == 1 ? [0.5] : Solve(matrix, b);
            for (var k = 0; k < order - 1; k++) sum = sum + rhos[k] * d1s[k];
            sum = sum + rhos[^1] * (denoisedAtTarget! - m0);
        }
        return baseStep - bh * sum;
    }

    /// <summary>R_{ij} = r_j^i and b_i = h·φ_{i+1}(h)·i!/B(h) with hh = −h and B(h) = e^{hh} − 1 (bh2).</summary>
    private static (double[,] R, double[] B, double Bh) UniPcSystem(double[] rks, double hh)
    {
        var order = rks.Length;
        var (matrix, b) = (new double[order, order], new double[order]);
        var bh = SamplerLoop.Expm1(hh);
        var hPhiK = SamplerLoop.Expm1(hh) / hh - 1;
        var factorial = 1.0;
        for (var i = 1; i <= order; i++)
        {
            for (var j = 0; j < order; j++) matrix[i - 1, j] = Math.Pow(rks[j], i - 1);
            b[i - 1] = hPhiK * factorial / bh;
            factorial *= i + 1;
            hPhiK = hPhiK / hh - 1 / factorial;
        }
        return (matrix, b, bh);
    }

    private static double[,] Leading(double[,] matrix, int size)
    {
        var result = new double[size, size];
        for (var i = 0; i < size; i++)
            for (var j = 0; j < size; j++) result[i, j] = matrix[i, j];
        return result;
    }

    /// <summary>Solves A·x = b for a tiny dense system by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var (m, rhs) = ((double[,])a.Clone(), (double[])b.Clone());
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            if (m[pivot, col] == 0) throw new InvalidOperationException("UniPC: singular coefficient system (repeated σ?).");
            for (var j = 0; j < n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            (rhs[col], rhs[pivot]) = (rhs[pivot], rhs[col]);
            for (var row = col + 1; row < n; row++)
            {
                var f = m[row, col] / m[col, col];
                for (var j = col; j < n; j++) m[row, j] -= f * m[col, j];
                rhs[row] -= f * rhs[col];
            }
        }
        var solution = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var s = rhs[row];
            for (var j = row + 1; j < n; j++) s -= m[row, j] * solution[j];
            solution[row] = s / m[row, row];
        }
        return solution;
    }
}
