using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Guidance;

/// <summary>
/// Hard conditioning by inpainting: entries where <see cref="Mask"/> is true are fixed to <see cref="Known"/>
/// (Diffuser, Janner et al. 2022, §3.3 goal-conditioned planning: "x[:, t, action_dim:] = cond[t]"; MPD's start/goal states).
/// The wrapped denoiser sees the known entries in its input (clean or at noise level σ) and returns them exactly in x̂₀,
/// so a sampler whose last step lands on x̂₀ (σ_next = 0) ends with the known entries exact. The sampler's own state x
/// is not touched between steps; call <see cref="Apply"/> on a final sample from any other sampler.
/// The mask and known tensors are held, not copied: keep them alive (outside short dispose scopes) while in use.
/// </summary>
public sealed class Inpainting
{
    private readonly Generator? _generator;

    /// <param name="mask">Bool, broadcastable to the samples x [B, …]; true = known entry.</param>
    /// <param name="known">Values broadcastable to x; only the masked entries are used.</param>
    /// <param name="noise">How known entries enter the noisy input.</param>
    /// <param name="generator">Noise source, required for <see cref="InpaintingNoise.Matched"/>.</param>
    public Inpainting(Tensor mask, Tensor known, InpaintingNoise noise = InpaintingNoise.Clean, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(known);
        if (mask.dtype != ScalarType.Bool) throw new ArgumentException($"The mask must be a bool tensor, got {mask.dtype}.", nameof(mask));
        if (!Enum.IsDefined(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "Unknown inpainting noise mode.");
        if (noise == InpaintingNoise.Matched && generator is null)
            throw new ArgumentException("InpaintingNoise.Matched needs a generator for its noise.", nameof(generator));
        if (where(mask, known.isnan(), zeros_like(mask)).any().item<bool>())
            throw new ArgumentException("A known (masked) value is NaN.", nameof(known));
        Mask = mask;
        Known = known;
        Noise = noise;
        _generator = generator;
    }

    /// <summary>True where the value is known.</summary>
    public Tensor Mask { get; }

    /// <summary>The known values (only masked entries matter).</summary>
    public Tensor Known { get; }

    /// <summary>How known entries enter the noisy input.</summary>
    public InpaintingNoise Noise { get; }

    /// <summary>x with the known entries imposed: use on a final sample, or as <see cref="GradientGuidanceOptions.Projection"/>.</summary>
    public Tensor Apply(Tensor x)
    {
        CheckBroadcast(x);
        return where(Mask, Known.to(x.dtype, x.device), x);
    }

    /// <summary>The noisy input with known entries at noise level σ [B]: clean, or known + σ·ε.</summary>
    public Tensor ImposeOnInput(Tensor x, Tensor sigma)
    {
        CheckBroadcast(x);
        var known = Known.to(x.dtype, x.device).expand(x.shape);
        if (Noise == InpaintingNoise.Matched)
        {
            var s = sigma.to(x.dtype).view([x.shape[0], .. Enumerable.Repeat(1L, (int)x.dim() - 1)]);
            known = known + s * randn(x.shape, dtype: x.dtype, device: x.device, generator: _generator);
        }
        return where(Mask, known, x);
    }

    /// <summary>The denoiser with the constraint imposed on both its input and its output x̂₀.</summary>
    public Denoiser Wrap(Denoiser denoiser)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        return (x, sigma) => Apply(denoiser(ImposeOnInput(x, sigma), sigma));
    }

    /// <summary>
    /// Diffuser's goal conditioning for trajectories x [B, H, D]: fixes channels [firstChannel, firstChannel + k) of the
    /// listed timesteps to the given states ([k] for all samples, or [B, k] per sample). Negative timesteps count from the end.
    /// </summary>
    public static Inpainting AtTimesteps(int horizon, int transitionDim, IReadOnlyDictionary<int, Tensor> states,
        int firstChannel = 0, InpaintingNoise noise = InpaintingNoise.Clean, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (horizon < 1 || transitionDim < 1)
            throw new ArgumentOutOfRangeException(nameof(horizon), $"horizon {horizon} and transitionDim {transitionDim} must be ≥ 1.");
        var batch = states.Values.Select(s => s.dim() == 2 ? s.shape[0] : 1).DefaultIfEmpty(1).Max();
        var mask = zeros(1, horizon, transitionDim, dtype: ScalarType.Bool);
        var known = zeros(batch, horizon, transitionDim, dtype: ScalarType.Float64);
        foreach (var (step, state) in states)
        {
            var t = step < 0 ? horizon + step : step;
            if (t < 0 || t >= horizon) throw new ArgumentOutOfRangeException(nameof(states), step, $"Timestep {step} is outside horizon {horizon}.");
            var k = state.shape[^1];
            if (state.dim() is < 1 or > 2 || firstChannel < 0 || firstChannel + k > transitionDim)
                throw new ArgumentException(
                    $"State at timestep {step} has shape [{string.Join(", ", state.shape)}]; it must be [k] or [B, k] with " +
                    $"firstChannel {firstChannel} + k ≤ {transitionDim}.", nameof(states));
            var channels = TensorIndex.Slice(firstChannel, firstChannel + k);
            mask[TensorIndex.Colon, t, channels] = tensor(true);
            known[TensorIndex.Colon, t, channels] = state.to(ScalarType.Float64);
        }
        return new Inpainting(mask, known, noise, generator);
    }

    private void CheckBroadcast(Tensor x)
    {
        if (!Broadcasts(Mask.shape, x.shape) || !Broadcasts(Known.shape, x.shape))
            throw new ArgumentException(
                $"mask [{string.Join(", ", Mask.shape)}] and known [{string.Join(", ", Known.shape)}] must broadcast to x " +
                $"[{string.Join(", ", x.shape)}].", nameof(x));
    }

    private static bool Broadcasts(long[] from, long[] to) =>
        from.Length <= to.Length && from.Select((d, i) => d == 1 || d == to[to.Length - from.Length + i]).All(ok => ok);
}
