using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Residual block of Diffusion Policy's UNet (Chi et al. 2023, §III-B, Fig. 2): h = block₀(x), FiLM conditioning
/// (Perez et al. 2018) h ← γ(c)·h + β(c) with [γ, β] = Linear(Mish(c)) per channel (or h + β(c) without scale),
/// then block₁(h) + residual(x), where residual is a 1×1 conv when the channel count changes and the identity otherwise.
/// </summary>
public sealed class ConditionalResidualBlock1D : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>addcmul's factor, one long-lived Scalar: an implicit one per call would be freed by its finalizer (see docs/architecture.md, TorchSharp traps).</summary>
    private static readonly Scalar One = 1;

    private readonly Conv1dBlock block0;
    private readonly Conv1dBlock block1;
    private readonly Mish condAct;
    private readonly Linear condProj;
    private readonly nn.Module<Tensor, Tensor> residual;
    private readonly int outChannels;
    private readonly bool predictScale;

    public ConditionalResidualBlock1D(int inChannels, int outChannels, int condDim, int kernelSize, int nGroups,
        bool condPredictScale) : base(nameof(ConditionalResidualBlock1D))
    {
        block0 = new Conv1dBlock(inChannels, outChannels, kernelSize, nGroups);
        block1 = new Conv1dBlock(outChannels, outChannels, kernelSize, nGroups);
        condAct = nn.Mish();
        condProj = nn.Linear(condDim, condPredictScale ? 2 * outChannels : outChannels);
        residual = inChannels == outChannels ? nn.Identity() : nn.Conv1d(inChannels, outChannels, 1);
        (this.outChannels, predictScale) = (outChannels, condPredictScale);
        RegisterComponents();
    }

    /// <param name="x">[B, in, T].</param>
    /// <param name="cond">FiLM condition [B, condDim].</param>
    /// <returns>[B, out, T].</returns>
    public override Tensor forward(Tensor x, Tensor cond)
    {
        using var scope = NewDisposeScope();
        return ForwardActivated(x, condAct.forward(cond)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mish(cond), the input of the FiLM projection, overwriting <paramref name="temporaryCond"/> (a tensor the caller
    /// owns) when autograd is off. It is the same for every block of a network, so <see cref="ConditionalUnet1D"/>
    /// computes it once per forward and calls <see cref="ForwardActivated"/>.
    /// </summary>
    internal Tensor CondFeatures(Tensor temporaryCond) => InferenceMish.OfTemporary(condAct, temporaryCond);

    /// <summary>The block on x [B, in, T] given <paramref name="condFeatures"/> = Mish(cond) [B, condDim]; [B, out, T].</summary>
    internal Tensor ForwardActivated(Tensor x, Tensor condFeatures)
    {
        using var scope = NewDisposeScope();
        var h = block0.forward(x);                                                   // [B, out, T]
        var film = condProj.forward(condFeatures);                                   // [B, 2·out] or [B, out]
        if (predictScale)
        {
            var sb = film.view(film.shape[0], 2, outChannels, 1);                    // [B, 2, out, 1]: scale first, then bias
            h = addcmul(sb.select(1, 1), sb.select(1, 0), h, One);                    // β + γ·h in one kernel
        }
        else
        {
            h = h + film.unsqueeze(-1);
        }
        var y = block1.forward(h);                                                   // [B, out, T], a fresh tensor
        var skip = residual is Conv1d conv ? ConvForward.Conv1d(conv, x, padding: 0) : x;
        return (is_grad_enabled() ? y + skip : y.add_(skip)).MoveToOuterDisposeScope(); // [B, out, T]
    }
}
