using RoboDiffusion.Diffusion;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Toy;

/// <summary>
/// A mixture of K axis-aligned Gaussians in D dimensions, p(x₀) = Σ_k w_k·N(x₀; m_k, diag(s_k²)), with sampling,
/// log-density of the noised marginal p_σ = p * N(0, σ²I), and the exact optimal denoiser
/// D(x; σ) = E[x₀ | x₀ + σε = x] (Karras et al. 2022, eq. 3's minimiser). All arithmetic is float64.
/// </summary>
public sealed class GaussianMixture
{
    private readonly double[] _logWeights;                                                    // [K]
    private readonly double[,] _means;                                                        // [K, D]
    private readonly double[,] _stds;                                                         // [K, D]

    /// <summary>A mixture with per-component diagonal standard deviations.</summary>
    /// <param name="weights">Component weights w_k &gt; 0, normalised here (need not sum to 1).</param>
    /// <param name="means">Component means m_k, [K][D].</param>
    /// <param name="stds">Per-dimension standard deviations s_k &gt; 0, [K][D].</param>
    public GaussianMixture(double[] weights, double[][] means, double[][] stds)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(stds);
        Components = weights.Length;
        if (Components < 1) throw new ArgumentException("A mixture needs at least one component.", nameof(weights));
        if (means.Length != Components || stds.Length != Components)
            throw new ArgumentException($"weights, means and stds must have one entry per component: {Components}, {means.Length}, {stds.Length}.");
        Dim = means[0].Length;
        if (Dim < 1) throw new ArgumentException("Means must have at least one dimension.", nameof(means));
        if (weights.Any(w => !(w > 0) || !double.IsFinite(w)))
            throw new ArgumentException("Weights must be finite and > 0.", nameof(weights));
        var logTotal = Math.Log(weights.Sum());
        _logWeights = [.. weights.Select(w => Math.Log(w) - logTotal)];
        (_means, _stds) = (new double[Components, Dim], new double[Components, Dim]);
        for (var k = 0; k < Components; k++)
        {
            if (means[k].Length != Dim || stds[k].Length != Dim)
                throw new ArgumentException($"Component {k}: mean has {means[k].Length} and std {stds[k].Length} entries; expected {Dim}.");
            for (var d = 0; d < Dim; d++)
            {
                if (!double.IsFinite(means[k][d])) throw new ArgumentException($"Mean [{k}, {d}] is not finite.", nameof(means));
                if (!(stds[k][d] > 0) || !double.IsFinite(stds[k][d]))
                    throw new ArgumentException($"Std [{k}, {d}] = {stds[k][d]} must be finite and > 0.", nameof(stds));
                (_means[k, d], _stds[k, d]) = (means[k][d], stds[k][d]);
            }
        }
    }

    /// <summary>Number of components K.</summary>
    public int Components { get; }

    /// <summary>Dimension D.</summary>
    public int Dim { get; }

    /// <summary>Normalised weights w_k.</summary>
    public double[] Weights => [.. _logWeights.Select(Math.Exp)];

    /// <summary>Component means, [K, D].</summary>
    public double[,] Means => (double[,])_means.Clone();

    /// <summary>Component standard deviations, [K, D].</summary>
    public double[,] Stds => (double[,])_stds.Clone();

    /// <summary>A mixture whose components all have the isotropic std <paramref name="std"/>.</summary>
    public static GaussianMixture Isotropic(double[] weights, double[][] means, double std) =>
        new(weights, means, [.. means.Select(m => Enumerable.Repeat(std, m.Length).ToArray())]);

    /// <summary>
    /// The classic 2-D toy: 8 equally weighted isotropic Gaussians, std 0.5, means 4·(cos 2πk/8, sin 2πk/8), k = 0…7.
    /// </summary>
    public static GaussianMixture Gmm8() => Isotropic(
        [.. Enumerable.Repeat(1.0, 8)],
        [.. Enumerable.Range(0, 8).Select(k => new[] { 4 * Math.Cos(2 * Math.PI * k / 8), 4 * Math.Sin(2 * Math.PI * k / 8) })],
        0.5);

    /// <summary>Draws n samples, [n, D], choosing components with probability w_k; all draws come from <paramref name="generator"/>.</summary>
    public Tensor Sample(int n, Generator generator, ScalarType dtype = ScalarType.Float64)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Draw at least one sample.");
        using var scope = NewDisposeScope();
        var components = tensor(Weights, ScalarType.Float64).multinomial(n, replacement: true, generator: generator);  // [n]
        var z = randn([n, Dim], ScalarType.Float64, generator: generator);                   // [n, D]
        var x = MeansTensor().index_select(0, components) + tensor(_stds, ScalarType.Float64).index_select(0, components) * z;
        return x.to_type(dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// log p_σ(x) = logsumexp_k [log w_k + log N(x; m_k, diag(s_k² + σ²))], [B] in float64; σ = 0 is the data density.
    /// </summary>
    public Tensor LogDensity(Tensor x, double sigma = 0)
    {
        if (!(sigma >= 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be finite and ≥ 0.");
        using var scope = NewDisposeScope();
        return LogJoint(CheckInput(x), sigma * sigma).logsumexp(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The exact denoiser D(x; σ) = Σ_k r_k(x)·(m_k + s_k²/(s_k² + σ²)·(x − m_k)), with responsibilities
    /// r_k ∝ w_k·N(x; m_k, s_k² + σ²) normalised by a (max-shifted) softmax. Computed in float64, returned in x's dtype.
    /// Rows that share one σ (the samplers' case) are done together with [B, K]·[K, D] products.
    /// </summary>
    /// <param name="x">Noisy samples, [B, D].</param>
    /// <param name="sigma">Noise levels, [B] (σ ≥ 0).</param>
    public Tensor Denoise(Tensor x, Tensor sigma)
    {
        using var scope = NewDisposeScope();
        var x64 = CheckInput(x);
        if (sigma.dim() != 1 || sigma.shape[0] != x64.shape[0])
            throw new ArgumentException($"σ must have shape [{x64.shape[0]}]; got [{string.Join(", ", sigma.shape)}].", nameof(sigma));
        var sigma64 = sigma.to_type(ScalarType.Float64);
        double low = sigma64.min().item<double>(), high = sigma64.max().item<double>();
        if (!(low >= 0) || !double.IsFinite(high)) throw new ArgumentException("σ must be finite and ≥ 0.", nameof(sigma));
        var result = low == high
            ? DenoiseShared(x64, low * low)
            : cat([.. sigma64.cpu().data<double>().ToArray().Select((s, b) => DenoiseShared(x64[b..(b + 1)], s * s))], 0);
        return result.to(x.dtype, x.device).MoveToOuterDisposeScope();
    }

    /// <summary>This mixture's exact denoiser as the delegate the samplers take.</summary>
    public Denoiser AsDenoiser() => Denoise;

    /// <summary>D(x; σ) for rows sharing σ²: r·(M ⊙ (1 − A)) + x ⊙ (r·A) with A_kd = s_kd²/(s_kd² + σ²).</summary>
    private Tensor DenoiseShared(Tensor x64, double variance)
    {
        var logJoint = LogJoint(x64, variance);                                              // [B, K]
        var unnormalised = (logJoint - logJoint.amax([1], keepdim: true)).exp_();             // shift by the max: no overflow
        var responsibilities = unnormalised.div_(unnormalised.sum(1, keepdim: true));         // softmax over K
        var (shrink, offset) = (new double[Components, Dim], new double[Components, Dim]);
        for (var k = 0; k < Components; k++)
            for (var d = 0; d < Dim; d++)
            {
                var s2 = _stds[k, d] * _stds[k, d];
                shrink[k, d] = s2 / (s2 + variance);
                offset[k, d] = _means[k, d] * (1 - shrink[k, d]);
            }
        var shrinkT = tensor(shrink, ScalarType.Float64, x64.device);
        var offsetT = tensor(offset, ScalarType.Float64, x64.device);
        return responsibilities.matmul(offsetT) + x64 * responsibilities.matmul(shrinkT);   // [B, D]
    }

    /// <summary>
    /// log w_k + log N(x; m_k, diag(V_k)), V_k = s_k² + σ², [B, K], expanded as
    /// −½ x²·V⁻¹ + x·(m/V) − ½ Σ m²/V − ½ Σ log 2πV + log w (matrix products instead of [B, K, D] tensors).
    /// </summary>
    private Tensor LogJoint(Tensor x64, double variance)
    {
        var (inverse, scaledMeans, constant) = (new double[Dim, Components], new double[Dim, Components], new double[Components]);
        for (var k = 0; k < Components; k++)
        {
            constant[k] = _logWeights[k];
            for (var d = 0; d < Dim; d++)
            {
                var v = _stds[k, d] * _stds[k, d] + variance;
                (inverse[d, k], scaledMeans[d, k]) = (1 / v, _means[k, d] / v);
                constant[k] -= 0.5 * (_means[k, d] * _means[k, d] / v + Math.Log(2 * Math.PI * v));
            }
        }
        var device = x64.device;
        return x64.square().matmul(tensor(inverse, ScalarType.Float64, device)).mul(-0.5)
            .add_(x64.matmul(tensor(scaledMeans, ScalarType.Float64, device)))
            .add_(tensor(constant, ScalarType.Float64, device));
    }

    private Tensor CheckInput(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2 || x.shape[1] != Dim)
            throw new ArgumentException($"x must have shape [B, {Dim}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        return x.to_type(ScalarType.Float64);
    }

    private Tensor MeansTensor() => tensor(_means, ScalarType.Float64);
}
