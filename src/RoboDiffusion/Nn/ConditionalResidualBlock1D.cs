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
        var h = block0.forward(x);                                                   // [B, out, T]
        var film = condProj.forward(condAct.forward(cond));                          // [B, 2·out] or [B, out]
        if (predictScale)
        {
            var sb = film.view(film.shape[0], 2, outChannels, 1);                    // [B, 2, out, 1]: scale first, then bias
            h = sb.select(1, 0) * h + sb.select(1, 1);
        }
        else
        {
            h = h + film.unsqueeze(-1);
        }
        return (block1.forward(h) + residual.forward(x)).MoveToOuterDisposeScope(); // [B, out, T]
    }
}
