using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// The convolutional trunk of torchvision's ResNet-18 (He et al., CVPR 2016, Table 1) with every BatchNorm replaced by
/// GroupNorm(C/16, C), the image backbone of Diffusion Policy (Chi et al., RSS 2023, §IV-B; diffusion_policy's
/// <c>replace_bn_with_gn</c>). conv 7×7/2 → norm → ReLU → maxpool 3/2 → four stages of two
/// <see cref="ResNetBasicBlock"/>s (64, 128, 256, 512 channels; stages 2-4 start with stride 2). There is no
/// average pool and no fc: the output is the feature map [N, 512, H', W'] with H' = ⌈H/32⌉ (see <see cref="FeatureSize"/>).
/// Initialization is torchvision's: convs kaiming-normal (fan_out, relu), norms weight 1, bias 0.
/// </summary>
public sealed class ResNet18GroupNorm : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels of the output feature map.</summary>
    public const int FeatureChannels = 512;

    private static readonly int[] StageWidths = [64, 128, 256, 512];

    private readonly Conv2d conv1;
    private readonly GroupNorm bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <param name="inChannels">Image channels (3 for RGB).</param>
    /// <param name="channelsPerGroup">GroupNorm group width; must divide 64 (diffusion_policy: 16).</param>
    /// <param name="generator">Source of the initial conv weights; null uses torch's global generator.</param>
    public ResNet18GroupNorm(int inChannels = 3, int channelsPerGroup = 16, Generator? generator = null)
        : base(nameof(ResNet18GroupNorm))
    {
        if (inChannels < 1) throw new ArgumentException($"inChannels must be ≥ 1, got {inChannels}.");
        if (channelsPerGroup < 1 || 64 % channelsPerGroup != 0)
            throw new ArgumentException($"channelsPerGroup must divide 64 (every stage width), got {channelsPerGroup}.");
        conv1 = VisionInit.Conv(inChannels, 64, 7, 2, 3, generator);
        bn1 = VisionInit.GroupNorm(64, channelsPerGroup);
        relu = nn.ReLU();
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(64, StageWidths[0], 1, channelsPerGroup, generator);
        layer2 = Stage(StageWidths[0], StageWidths[1], 2, channelsPerGroup, generator);
        layer3 = Stage(StageWidths[1], StageWidths[2], 2, channelsPerGroup, generator);
        layer4 = Stage(StageWidths[2], StageWidths[3], 2, channelsPerGroup, generator);
        RegisterComponents();
    }

    /// <summary>Side of the feature map for an input side <paramref name="inputSize"/>: five halvings, each ⌈·/2⌉.</summary>
    public static long FeatureSize(long inputSize)
    {
        var s = inputSize;
        for (var i = 0; i < 5; i++) s = (s + 1) / 2;   // conv1, maxpool, and the first convs of layer2..layer4
        return s;
    }

    /// <param name="x">Images [N, inChannels, H, W].</param>
    /// <returns>Feature map [N, 512, ⌈H/32⌉, ⌈W/32⌉] (each halving rounds up).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = maxpool.forward(relu.forward(bn1.forward(ConvForward.Conv2d(conv1, x))));   // [N, 64, H/4, W/4]
        h = layer4.forward(layer3.forward(layer2.forward(layer1.forward(h))));   // [N, 512, H/32, W/32]
        return h.MoveToOuterDisposeScope();
    }

    private static Sequential Stage(int inChannels, int outChannels, int stride, int channelsPerGroup, Generator? generator) =>
        nn.Sequential(
            ("0", new ResNetBasicBlock(inChannels, outChannels, stride, channelsPerGroup, generator)),
            ("1", new ResNetBasicBlock(outChannels, outChannels, 1, channelsPerGroup, generator)));
}
