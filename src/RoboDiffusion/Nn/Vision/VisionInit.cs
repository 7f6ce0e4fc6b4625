using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>Layer factories shared by the vision modules, with torchvision's initialization.</summary>
internal static class VisionInit
{
    /// <summary>
    /// GroupNorm(C / channelsPerGroup, C), as diffusion_policy's <c>replace_bn_with_gn</c> puts in place of every
    /// BatchNorm (Chi et al. 2023, §IV-B: GroupNorm instead of BatchNorm so EMA weights stay usable).
    /// </summary>
    public static GroupNorm GroupNorm(int channels, int channelsPerGroup)
    {
        var norm = nn.GroupNorm(channels / channelsPerGroup, channels);
        using (no_grad())
        {   // TorchSharp 0.107's GroupNorm leaves its affine parameters uninitialized: set torchvision's 1 and 0
            norm.weight!.fill_(1.0);
            norm.bias!.fill_(0.0);
        }
        return norm;
    }

    /// <summary>
    /// A bias-free k×k convolution drawn as torchvision's ResNet does: kaiming_normal_(mode = "fan_out",
    /// nonlinearity = "relu"), i.e. N(0, 2 / (out·k·k)) (He et al. 2015, eq. 10 with the output fan).
    /// </summary>
    public static Conv2d Conv(int inChannels, int outChannels, int kernelSize, int stride, int padding, Generator? generator)
    {
        var conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: false);
        var std = Math.Sqrt(2.0 / (outChannels * kernelSize * kernelSize));
        using (no_grad()) conv.weight!.normal_(0.0, std, generator);
        return conv;
    }

    /// <summary>
    /// Redraws a layer as PyTorch's default initialization does (kaiming_uniform_ with a = √5 for the weight, the same
    /// bound for the bias): both uniform on ±1/√fanIn, here from <paramref name="generator"/> so a seed fixes them.
    /// </summary>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, long fanIn, Generator generator)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        using (no_grad())
        {
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
