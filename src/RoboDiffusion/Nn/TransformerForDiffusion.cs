using RoboDiffusion.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// The transformer denoiser of Diffusion Policy, DP-T (Chi et al., RSS 2023, §III-B "Time-series diffusion
/// transformer"; after minGPT): the noisy actions are T time-series tokens, Linear(Da → E) plus a learned position
/// embedding, decoded by pre-norm transformer decoder layers whose cross-attention memory holds the diffusion step
/// token (sinusoidal, width E) and one token per observation step (Linear(CondDim → E)), plus a learned memory
/// position embedding, passed through an encoder (an MLP E → 4E → E with Mish, or pre-norm encoder layers).
/// A final LayerNorm and Linear(E → OutputDim) give one output per action token.
/// <para>With causal attention, action token t attends actions 0..t and memory tokens s ≤ t + 1, i.e. the step token
/// and observation steps 0..t (the original's memory_mask t ≥ s − 1). Weights start as the original's _init_weights:
/// Linear weights and position embeddings N(0, 0.02²), biases 0, LayerNorm 1 and 0.</para>
/// </summary>
public sealed class TransformerForDiffusion : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    private const double InitStd = 0.02;   // diffusion_policy _init_weights

    private readonly Linear inputEmb;
    private readonly Parameter posEmb;                        // [1, T, E]
    private readonly Dropout drop;
    private readonly SinusoidalPosEmb timeEmb;
    private readonly Linear? condObsEmb;                      // null when CondDim = 0
    private readonly Parameter condPosEmb;                    // [1, S, E]
    private readonly nn.Module<Tensor, Tensor> condEncoder;
    private readonly ModuleList<PreNormDecoderLayer> decoder;
    private readonly LayerNorm lnF;
    private readonly Linear head;

    public TransformerForDiffusionConfig Config { get; }

    /// <param name="config">The network size.</param>
    /// <param name="generator">Source of the initial weights; null uses torch's global generator.</param>
    public TransformerForDiffusion(TransformerForDiffusionConfig config, Generator? generator = null)
        : base(nameof(TransformerForDiffusion))
    {
        Config = config.Validated();
        var c = Config;
        var e = c.NEmb;
        inputEmb = nn.Linear(c.InputDim, e);
        posEmb = new Parameter(zeros(1, c.Horizon, e));
        drop = nn.Dropout(c.PDropEmb);
        timeEmb = new SinusoidalPosEmb(e);
        condObsEmb = c.CondDim > 0 ? nn.Linear(c.CondDim, e) : null;
        condPosEmb = new Parameter(zeros(1, c.CondTokens, e));
        condEncoder = c.NCondLayers > 0
            ? nn.Sequential(Enumerable.Range(0, c.NCondLayers)
                .Select(i => ($"layer{i}", (nn.Module<Tensor, Tensor>)new PreNormEncoderLayer(e, c.NHead, c.PDropAttn))))
            : nn.Sequential(("fc1", nn.Linear(e, 4 * e)), ("act", nn.Mish()), ("fc2", nn.Linear(4 * e, e)));
        decoder = nn.ModuleList([.. Enumerable.Range(0, c.NLayer).Select(_ => new PreNormDecoderLayer(e, c.NHead, c.PDropAttn))]);
        lnF = nn.LayerNorm(e);
        head = nn.Linear(e, c.OutputDim);
        RegisterComponents();
        InitWeights(generator);
    }

    /// <param name="input">Noisy action tokens [B, Horizon, InputDim].</param>
    /// <param name="noiseLevel">Diffusion timestep per sample (may be fractional), [B].</param>
    /// <param name="cond">Observation features [B, NObsSteps, CondDim] (or flattened, [B, NObsSteps·CondDim]);
    /// required iff CondDim &gt; 0.</param>
    /// <returns>[B, Horizon, OutputDim]; its meaning (ε, x₀, v) is the parameterization's.</returns>
    public override Tensor forward(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        CheckShapes(input, noiseLevel, cond);
        using var scope = NewDisposeScope();
        var c = Config;
        var b = input.shape[0];
        // 1. memory: [step token, observation tokens] + positions, through the condition encoder
        var tokens = timeEmb.forward(noiseLevel.to(input.dtype)).unsqueeze(1);                    // [B, 1, E]
        if (condObsEmb is not null && cond is not null)
            tokens = cat([tokens, condObsEmb.forward(cond.to(input.dtype).reshape(b, c.NObsSteps, c.CondDim))], 1); // [B, S, E]
        var memory = condEncoder.forward(drop.forward(tokens + condPosEmb));                      // [B, S, E]
        // 2. action tokens + positions through the decoder, causally masked
        var (selfMask, memoryMask) = Masks(input.device);
        var x = drop.forward(inputEmb.forward(input) + posEmb);                                   // [B, T, E]
        foreach (var layer in decoder) x = layer.forward(x, memory, selfMask, memoryMask);
        // 3. head
        return head.forward(lnF.forward(x)).MoveToOuterDisposeScope();                           // [B, T, OutputDim]
    }

    /// <summary>This module as the <see cref="NetworkFn"/> the parameterizations call.</summary>
    public NetworkFn AsNetworkFn() => (input, noiseLevel, cond) => forward(input, noiseLevel, cond);

    /// <summary>Boolean masks, true where allowed: actions ≤ t, and memory s ≤ t + 1 (the step token is memory 0).</summary>
    private (Tensor? Self, Tensor? Memory) Masks(Device device)
    {
        var c = Config;
        if (!c.CausalAttn) return (null, null);
        var self = ones(c.Horizon, c.Horizon, ScalarType.Bool, device).tril();                   // [T, T]
        var memory = c.CondDim > 0 ? ones(c.Horizon, c.CondTokens, ScalarType.Bool, device).tril(1) : null; // [T, S]
        return (self, memory);
    }

    /// <summary>diffusion_policy's _init_weights; the memory positions stay 0 without observation tokens, as there.</summary>
    private void InitWeights(Generator? generator)
    {
        using var _ = no_grad();
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                Normal(linear.weight!, generator);
                if (linear.bias is not null) nn.init.zeros_(linear.bias);
            }
            else if (module is LayerNorm norm)
            {   // TorchSharp 0.107 may leave affine norms uninitialized; PyTorch starts at 1 and 0
                nn.init.ones_(norm.weight!);
                nn.init.zeros_(norm.bias!);
            }
        }
        Normal(posEmb, generator);
        if (condObsEmb is not null) Normal(condPosEmb, generator);
    }

    /// <summary>Fills with N(0, InitStd²) draws from <paramref name="generator"/> (TorchSharp 0.107's nn.init.normal_
    /// ignores its generator argument, so the draw is explicit).</summary>
    private static void Normal(Tensor p, Generator? generator) =>
        p.copy_(randn(p.shape, p.dtype, p.device, generator: generator) * InitStd);

    private void CheckShapes(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        var c = Config;
        if (input.dim() != 3 || input.shape[1] != c.Horizon || input.shape[2] != c.InputDim)
            throw new ArgumentException($"Expected input [B, {c.Horizon}, {c.InputDim}] (Horizon, InputDim), got {Shape(input)}.");
        var b = input.shape[0];
        if (noiseLevel.dim() != 1 || noiseLevel.shape[0] != b)
            throw new ArgumentException($"Expected noise level [{b}], got {Shape(noiseLevel)}.");
        if (c.CondDim == 0 && cond is not null)
            throw new ArgumentException("This network has no observation tokens (CondDim = 0) but a condition was given.");
        if (c.CondDim == 0) return;
        var ok = cond is not null && cond.shape[0] == b
            && ((cond.dim() == 3 && cond.shape[1] == c.NObsSteps && cond.shape[2] == c.CondDim)
                || (cond.dim() == 2 && cond.shape[1] == c.NObsSteps * c.CondDim));
        if (!ok)
            throw new ArgumentException($"Expected condition [{b}, {c.NObsSteps}, {c.CondDim}] (NObsSteps, CondDim) or " +
                $"[{b}, {c.NObsSteps * c.CondDim}], got {(cond is null ? "null" : Shape(cond))}.");
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
