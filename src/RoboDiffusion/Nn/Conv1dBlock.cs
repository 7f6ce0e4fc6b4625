using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Conv1d(k, padding k/2) → GroupNorm → Mish on [B, C, T], the basic block of Diffusion Policy's 1-D UNet
/// (Chi et al. 2023, §III-B; Janner et al. 2022, Diffuser). An odd k keeps the length T.
/// </summary>
public sealed class Conv1dBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv;
    private readonly GroupNorm norm;
    private readonly Mish act;
    private readonly int padding;

    public Conv1dBlock(int inChannels, int outChannels, int kernelSize, int nGroups) : base(nameof(Conv1dBlock))
    {
        if (outChannels % nGroups != 0)
            throw new ArgumentException($"Output channels {outChannels} must be a multiple of the {nGroups} GroupNorm groups.");
        padding = kernelSize / 2;
        conv = nn.Conv1d(inChannels, outChannels, kernelSize, padding: padding);
        norm = nn.GroupNorm(nGroups, outChannels);
        using (no_grad())
        {   // TorchSharp 0.107's GroupNorm leaves its affine parameters uninitialized (garbage, even NaN): set PyTorch's 1 and 0
            norm.weight!.fill_(1.0);
            norm.bias!.fill_(0.0);
        }
        act = nn.Mish();
        RegisterComponents();
    }

    /// <param name="x">[B, in, T].</param>
    /// <returns>[B, out, T].</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = norm.forward(ConvForward.Conv1d(conv, x, padding));   // [B, out, T]
        return InferenceMish.OfTemporary(act, h).MoveToOuterDisposeScope();
    }
}
