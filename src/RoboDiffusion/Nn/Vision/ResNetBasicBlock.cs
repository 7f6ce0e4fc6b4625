using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// The two-conv residual block of ResNet-18 (He et al., CVPR 2016, Fig. 2): relu(norm(conv3×3(relu(norm(conv3×3(x)))))
/// + shortcut(x)), with GroupNorm in place of BatchNorm as in Diffusion Policy (Chi et al. 2023, §IV-B). When the
/// block changes stride or width, the shortcut is a 1×1 conv + norm (torchvision's "option B" downsample).
/// Convolutions go through <see cref="ConvForward.Conv2d"/> (bf16 inside <see cref="MixedPrecision.Bf16"/>).
/// Field names follow torchvision (bn1, bn2, downsample) so state-dict keys line up with diffusion_policy checkpoints.
/// </summary>
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly GroupNorm bn1;
    private readonly Conv2d conv2;
    private readonly GroupNorm bn2;
    private readonly ReLU relu;
    private readonly Sequential? downsample;   // null when the shortcut is the identity

    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels; a multiple of <paramref name="channelsPerGroup"/>.</param>
    /// <param name="stride">Stride of the first conv (2 halves H and W).</param>
    /// <param name="channelsPerGroup">GroupNorm group width: C / channelsPerGroup groups.</param>
    /// <param name="generator">Source of the initial conv weights; null uses torch's global generator.</param>
    public ResNetBasicBlock(int inChannels, int outChannels, int stride, int channelsPerGroup, Generator? generator = null)
        : base(nameof(ResNetBasicBlock))
    {
        if (outChannels % channelsPerGroup != 0)
            throw new ArgumentException($"Output channels {outChannels} must be a multiple of channelsPerGroup = {channelsPerGroup}.");
        conv1 = VisionInit.Conv(inChannels, outChannels, 3, stride, 1, generator);
        bn1 = VisionInit.GroupNorm(outChannels, channelsPerGroup);
        conv2 = VisionInit.Conv(outChannels, outChannels, 3, 1, 1, generator);
        bn2 = VisionInit.GroupNorm(outChannels, channelsPerGroup);
        relu = nn.ReLU();
        if (stride != 1 || inChannels != outChannels)
            downsample = nn.Sequential(
                ("0", VisionInit.Conv(inChannels, outChannels, 1, stride, 0, generator)),
                ("1", VisionInit.GroupNorm(outChannels, channelsPerGroup)));
        RegisterComponents();
    }

    /// <param name="x">[N, in, H, W].</param>
    /// <returns>[N, out, ⌈H/stride⌉, ⌈W/stride⌉].</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = relu.forward(bn1.forward(ConvForward.Conv2d(conv1, x)));
        h = bn2.forward(ConvForward.Conv2d(conv2, h));
        return relu.forward(h + Shortcut(x)).MoveToOuterDisposeScope();
    }

    /// <summary>x, or norm(conv1×1(x)) when the block changes stride or width.</summary>
    private Tensor Shortcut(Tensor x) =>
        downsample is null ? x : downsample[1].call(ConvForward.Conv2d((Conv2d)downsample[0], x));
}
