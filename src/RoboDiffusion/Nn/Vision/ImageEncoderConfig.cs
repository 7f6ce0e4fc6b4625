namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// Size of the <see cref="ImageEncoder"/> of Diffusion Policy (Chi et al., RSS 2023, §IV-B): a GroupNorm ResNet-18,
/// spatial-softmax keypoints and a linear projection, as robomimic's VisualCore. Defaults are Push-T image's
/// (96×96 frames, 84×84 crops, 32 keypoints, 64 features, GroupNorm groups of 16 channels).
/// </summary>
public sealed record ImageEncoderConfig
{
    public int ImageSize { get; init; } = 96;        // side of the square input frames, H = W
    public int CropSize { get; init; } = 84;         // side of the random (train) / centre (eval) crop; ≤ ImageSize
    public int NumKeypoints { get; init; } = 32;     // K: spatial-softmax keypoints, 2K coordinates
    public int FeatureDim { get; init; } = 64;       // output width of the final Linear(2K → FeatureDim)
    public int ChannelsPerGroup { get; init; } = 16; // GroupNorm(C / this, C) in the ResNet; divides 64

    /// <summary>Side of the ResNet feature map the keypoints are read from, ⌈CropSize / 32⌉.</summary>
    public long FeatureMapSize => ResNet18GroupNorm.FeatureSize(CropSize);

    /// <summary>Checks every field once; returns this.</summary>
    public ImageEncoderConfig Validated()
    {
        Require(ImageSize >= 1, $"ImageSize must be ≥ 1, got {ImageSize}.");
        Require(CropSize >= 1 && CropSize <= ImageSize, $"CropSize must be in [1, ImageSize = {ImageSize}], got {CropSize}.");
        Require(NumKeypoints >= 1, $"NumKeypoints must be ≥ 1, got {NumKeypoints}.");
        Require(FeatureDim >= 1, $"FeatureDim must be ≥ 1, got {FeatureDim}.");
        Require(ChannelsPerGroup >= 1 && 64 % ChannelsPerGroup == 0,
            $"ChannelsPerGroup must divide 64 (every ResNet width is a multiple of 64), got {ChannelsPerGroup}.");
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
