using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// A discrete-time VP schedule seen in σ-space: σ_t = √((1 − ᾱ_t)/ᾱ_t) for t = 0 … T−1 (Karras et al. 2022, Table 1,
/// "VP" column with discrete t; k-diffusion external.py DiscreteSchedule). Continuous t between steps is defined by
/// linear interpolation in log σ, so <see cref="SigmaToT(Tensor, bool)"/> and <see cref="TToSigma(Tensor)"/> are inverses.
/// </summary>
public sealed class DiscreteSchedule
{
    private readonly double[] _betas;
    private readonly double[] _alphasCumprod;
    private readonly double[] _sigmas;
    private readonly double[] _logSigmas;
    private Tensor? _logSigmasTensor;   // _logSigmas as a float64 tensor on the device last used, made once per device

    /// <summary>Builds the schedule from its config (validated here).</summary>
    public DiscreteSchedule(DiscreteScheduleConfig config)
    {
        Config = config.Validated();
        _betas = BetaSchedules.Compute(Config);
        _alphasCumprod = new double[_betas.Length];
        var prod = 1.0;
        for (var i = 0; i < _betas.Length; i++) _alphasCumprod[i] = prod *= 1 - _betas[i];
        _sigmas = [.. _alphasCumprod.Select(a => Math.Sqrt((1 - a) / a))];
        _logSigmas = [.. _sigmas.Select(s => Math.Log(s))];
    }

    /// <summary>The diffusers-default schedule: 1000 linear steps, β from 1e-4 to 0.02.</summary>
    public DiscreteSchedule() : this(new DiscreteScheduleConfig()) { }

    /// <summary>The validated config.</summary>
    public DiscreteScheduleConfig Config { get; }

    /// <summary>T.</summary>
    public int NumTrainTimesteps => _betas.Length;

    /// <summary>β_t.</summary>
    public IReadOnlyList<double> Betas => _betas;

    /// <summary>ᾱ_t = ∏_{s≤t}(1 − β_s) (Ho et al. 2020, eq. 4).</summary>
    public IReadOnlyList<double> AlphasCumprod => _alphasCumprod;

    /// <summary>σ_t = √((1 − ᾱ_t)/ᾱ_t), increasing in t.</summary>
    public IReadOnlyList<double> Sigmas => _sigmas;

    /// <summary>σ at t = 0.</summary>
    public double SigmaMin => _sigmas[0];

    /// <summary>σ at t = T − 1.</summary>
    public double SigmaMax => _sigmas[^1];

    /// <summary>
    /// Continuous timestep of each σ: t = i + w where log σ = (1 − w)·log σ_i + w·log σ_{i+1}; σ outside [σ_min, σ_max]
    /// clamps to 0 or T − 1 (k-diffusion sigma_to_t). With <paramref name="quantize"/> the nearest step in log σ.
    /// </summary>
    /// <param name="sigma">σ, any shape; the result has its shape and (floating) dtype.</param>
    /// <param name="quantize">Round to the nearest discrete timestep (ties go down).</param>
    public Tensor SigmaToT(Tensor sigma, bool quantize = false)
    {
        var logSigmas = LogSigmas(sigma.device);
        var logSigma = sigma.to_type(ScalarType.Float64).log().flatten();
        var low = (searchsorted(logSigmas, logSigma, right: true) - 1).clamp(0, _logSigmas.Length - 2);
        var lo = logSigmas.index_select(0, low);
        var hi = logSigmas.index_select(0, low + 1);
        var w = ((lo - logSigma) / (lo - hi)).clamp(0, 1);                 // fraction of the way to step low + 1
        if (quantize) w = (w > 0.5).to_type(ScalarType.Float64);
        var t = low.to_type(ScalarType.Float64) + w;
        return t.view(sigma.shape).to_type(FloatingOr64(sigma.dtype));
    }

    /// <summary>σ at continuous timesteps t ∈ [0, T − 1]: exp of the linear interpolation of log σ (k-diffusion t_to_sigma).</summary>
    public Tensor TToSigma(Tensor t)
    {
        var t64 = t.to_type(ScalarType.Float64).flatten();
        if (t64.numel() > 0 && !(t64.min().item<double>() >= 0 && t64.max().item<double>() <= _logSigmas.Length - 1))
            throw new ArgumentOutOfRangeException(nameof(t), $"Timesteps must lie in [0, {_logSigmas.Length - 1}] and not be NaN.");
        var logSigmas = LogSigmas(t.device);
        var floor = t64.floor();
        var w = t64 - floor;
        var lo = logSigmas.index_select(0, floor.to_type(ScalarType.Int64));
        var hi = logSigmas.index_select(0, t64.ceil().to_type(ScalarType.Int64));
        return ((1 - w) * lo + w * hi).exp().view(t.shape).to_type(FloatingOr64(t.dtype));
    }

    /// <summary>Scalar form of <see cref="SigmaToT(Tensor, bool)"/>.</summary>
    public double SigmaToT(double sigma, bool quantize = false)
    {
        using var scope = NewDisposeScope();
        return SigmaToT(tensor(sigma, ScalarType.Float64), quantize).item<double>();
    }

    /// <summary>Scalar form of <see cref="TToSigma(Tensor)"/>.</summary>
    public double TToSigma(double t)
    {
        using var scope = NewDisposeScope();
        return TToSigma(tensor(t, ScalarType.Float64)).item<double>();
    }

    /// <summary>Inference timesteps, descending, with the config's spacing and steps_offset.</summary>
    public int[] Timesteps(int steps) => Timesteps(steps, Config.Spacing);

    /// <summary>Inference timesteps, descending, with an explicit spacing (the config's steps_offset).</summary>
    public int[] Timesteps(int steps, TimestepSpacing spacing) =>
        TimestepSpacings.Timesteps(NumTrainTimesteps, steps, spacing, Config.StepsOffset);

    /// <summary>σ at the inference timesteps, descending, with σ = 0 appended (length N + 1), for the σ-space samplers.</summary>
    public double[] SigmaGrid(int steps) => SigmaGrid(steps, Config.Spacing);

    /// <summary>σ at the inference timesteps of <paramref name="spacing"/>, descending, with σ = 0 appended.</summary>
    public double[] SigmaGrid(int steps, TimestepSpacing spacing) => [.. Timesteps(steps, spacing).Select(t => _sigmas[t]), 0.0];

    /// <summary>
    /// log σ_t as a float64 tensor on <paramref name="device"/>, kept between calls (a sampler converts σ ↔ t every
    /// step). It is read-only and outside every dispose scope; a call on another device replaces it.
    /// </summary>
    private Tensor LogSigmas(Device device)
    {
        var cached = _logSigmasTensor;
        if (cached is not null && cached.device_type == device.type && cached.device_index == device.index) return cached;
        var fresh = tensor(_logSigmas, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        _logSigmasTensor = fresh;
        return fresh;
    }

    private static ScalarType FloatingOr64(ScalarType dtype) =>
        dtype is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64 ? dtype : ScalarType.Float64;
}
