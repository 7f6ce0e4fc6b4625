using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// Spatial soft-argmax keypoints (Levine, Finn et al., JMLR 2016, §4.2; robomimic's <c>SpatialSoftmax</c>, used by
/// Diffusion Policy's image encoder, Chi et al. 2023, §IV-B). A 1×1 conv maps C channels to K heatmaps; each heatmap
/// becomes a distribution s_k(i, j) = softmax over H·W (temperature 1), and the keypoint is its expected position
/// (Σ s_k x_j, Σ s_k y_i) on the grid x = linspace(−1, 1, W), y = linspace(−1, 1, H).
/// </summary>
public sealed class SpatialSoftmax : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d nets;   // robomimic's name for the keypoint conv

    /// <summary>K, the number of keypoints.</summary>
    public int NumKeypoints { get; }

    /// <summary>Width of the output, 2K.</summary>
    public int OutputDim => 2 * NumKeypoints;

    /// <param name="inChannels">C, channels of the feature map.</param>
    /// <param name="numKeypoints">K (robomimic and diffusion_policy: 32).</param>
    /// <param name="generator">Source of the keypoint conv's PyTorch-default initial weights; null uses torch's global generator.</param>
    public SpatialSoftmax(int inChannels, int numKeypoints = 32, Generator? generator = null) : base(nameof(SpatialSoftmax))
    {
        if (inChannels < 1 || numKeypoints < 1)
            throw new ArgumentException($"inChannels and numKeypoints must be ≥ 1, got {inChannels} and {numKeypoints}.");
        NumKeypoints = numKeypoints;
        nets = nn.Conv2d(inChannels, numKeypoints, 1);   // PyTorch's default init, as robomimic
        if (generator is not null) VisionInit.PyTorchDefault(nets.weight!, nets.bias, inChannels, generator);
        RegisterComponents();
    }

    /// <param name="x">Feature map [N, C, H, W].</param>
    /// <returns>Keypoints [N, 2K] laid out (x₀, y₀, x₁, y₁, …), each in [−1, 1].</returns>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 4)
            throw new ArgumentException($"Expected a feature map [N, C, H, W], got [{string.Join(", ", x.shape)}].");
        using var scope = NewDisposeScope();
        return ExpectedCoordinates(ConvForward.Conv2d(nets, x)).MoveToOuterDisposeScope();
    }

    /// <summary>The soft-argmax alone: expected (x, y) of softmax(heatmap) on the [−1, 1] grid, per heatmap.</summary>
    /// <param name="heatmaps">[N, K, H, W].</param>
    /// <returns>[N, 2K] laid out (x₀, y₀, x₁, y₁, …).</returns>
    public static Tensor ExpectedCoordinates(Tensor heatmaps)
    {
        if (heatmaps.dim() != 4)
            throw new ArgumentException($"Expected heatmaps [N, K, H, W], got [{string.Join(", ", heatmaps.shape)}].");
        using var scope = NewDisposeScope();
        var (n, k, h, w) = (heatmaps.shape[0], heatmaps.shape[1], heatmaps.shape[2], heatmaps.shape[3]);
        var attention = nn.functional.softmax(heatmaps.reshape(n * k, h * w), 1);                           // [N·K, H·W]
        var options = (dtype: heatmaps.dtype, device: heatmaps.device);
        var posX = linspace(-1, 1, w, options.dtype, options.device).unsqueeze(0).expand(h, w).reshape(1, h * w); // x varies along W
        var posY = linspace(-1, 1, h, options.dtype, options.device).unsqueeze(1).expand(h, w).reshape(1, h * w); // y along H
        var expectedX = (attention * posX).sum(dim: 1, keepdim: true);                                   // [N·K, 1]
        var expectedY = (attention * posY).sum(dim: 1, keepdim: true);
        return cat([expectedX, expectedY], 1).reshape(n, 2 * k).MoveToOuterDisposeScope();             // [N, 2K]
    }
}
