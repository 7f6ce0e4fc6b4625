using RoboDiffusion.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// A small MLP network for 2-D toys: F(x, c_noise, cond) = MLP([x, emb(c_noise), cond]), where emb is the
/// <see cref="SinusoidalPosEmb"/> of the noise level; Depth × (Linear + activation), then Linear back to DataDim.
/// What the output means (ε, x₀, v, F) is up to the parameterization that wraps it (see <see cref="NetworkFn"/>).
/// </summary>
public sealed class MlpDenoiser : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    private readonly SinusoidalPosEmb embed;
    private readonly Sequential layers;

    public MlpDenoiserConfig Config { get; }

    public MlpDenoiser(MlpDenoiserConfig config) : base(nameof(MlpDenoiser))
    {
        Config = config.Validated();
        embed = new SinusoidalPosEmb(config.EmbedDim);
        layers = nn.Sequential();
        var inWidth = config.DataDim + config.EmbedDim + config.CondDim;
        for (var i = 0; i < config.Depth; i++)
        {
            layers.append($"linear{i}", nn.Linear(i == 0 ? inWidth : config.Width, config.Width));
            layers.append($"act{i}", config.Activation == MlpActivation.Mish ? nn.Mish() : nn.SiLU());
        }
        layers.append("out", nn.Linear(config.Width, config.DataDim));
        RegisterComponents();
    }

    /// <param name="input">Network input, [B, DataDim].</param>
    /// <param name="noiseLevel">Noise level per sample (timestep, c_noise or t), [B].</param>
    /// <param name="cond">Condition [B, CondDim]; required iff CondDim &gt; 0.</param>
    /// <returns>[B, DataDim].</returns>
    public override Tensor forward(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        CheckShapes(input, noiseLevel, cond);
        using var scope = NewDisposeScope();
        var emb = embed.forward(noiseLevel.to(input.dtype) * Config.NoiseLevelScale);  // [B, E]
        var h = cond is null ? cat([input, emb], 1) : cat([input, emb, cond.to(input.dtype)], 1); // [B, D+E+C]
        return layers.forward(h).MoveToOuterDisposeScope();                            // [B, D]
    }

    /// <summary>This module as the <see cref="NetworkFn"/> the parameterizations call.</summary>
    public NetworkFn AsNetworkFn() => (input, noiseLevel, cond) => forward(input, noiseLevel, cond);

    private void CheckShapes(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        if (input.dim() != 2 || input.shape[1] != Config.DataDim)
            throw new ArgumentException($"Expected input [B, {Config.DataDim}], got [{string.Join(", ", input.shape)}].");
        var b = input.shape[0];
        if (noiseLevel.dim() != 1 || noiseLevel.shape[0] != b)
            throw new ArgumentException($"Expected noise level [{b}], got [{string.Join(", ", noiseLevel.shape)}].");
        if (Config.CondDim == 0 && cond is not null)
            throw new ArgumentException("This network is unconditional (CondDim = 0) but a condition was given.");
        if (Config.CondDim > 0 && (cond is null || cond.dim() != 2 || cond.shape[0] != b || cond.shape[1] != Config.CondDim))
            throw new ArgumentException(
                $"Expected condition [{b}, {Config.CondDim}], got {(cond is null ? "null" : $"[{string.Join(", ", cond.shape)}]")}.");
    }
}
