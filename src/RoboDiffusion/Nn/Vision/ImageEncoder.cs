using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// Diffusion Policy's per-camera image encoder (Chi et al., RSS 2023, §IV-B; robomimic's VisualCore with
/// diffusion_policy's GroupNorm swap): images → crop (random per image in training mode, centre in eval mode) →
/// scale [0, 1] to [−1, 1] → <see cref="ResNet18GroupNorm"/> → <see cref="SpatialSoftmax"/> → Linear(2K → FeatureDim).
/// <para>Input: float images in [0, 1], [N, 3, ImageSize, ImageSize] (uint8 images in [0, 255] are also accepted and
/// divided by 255). Output: [N, FeatureDim]. Every step acts per image, so outputs do not depend on the batch.</para>
/// <para>Training-mode crops need a generator: pass one to <see cref="Encode"/> or set <see cref="CropGenerator"/>
/// for <see cref="forward"/>; the same generator state gives the same crops.</para>
/// </summary>
public sealed class ImageEncoder : nn.Module<Tensor, Tensor>
{
    private readonly ResNet18GroupNorm backbone;
    private readonly SpatialSoftmax pool;
    private readonly Linear linear;

    public ImageEncoderConfig Config { get; }

    /// <summary>Width of the encoding, Config.FeatureDim.</summary>
    public int OutputDim => Config.FeatureDim;

    /// <summary>Random-crop source used by <see cref="forward"/> in training mode.</summary>
    public Generator? CropGenerator { get; set; }

    /// <param name="config">Sizes; validated here.</param>
    /// <param name="generator">Source of all initial weights; null uses torch's global generator.</param>
    public ImageEncoder(ImageEncoderConfig config, Generator? generator = null) : base(nameof(ImageEncoder))
    {
        Config = config.Validated();
        backbone = new ResNet18GroupNorm(3, Config.ChannelsPerGroup, generator);
        pool = new SpatialSoftmax(ResNet18GroupNorm.FeatureChannels, Config.NumKeypoints, generator);
        linear = nn.Linear(pool.OutputDim, Config.FeatureDim);
        if (generator is not null) VisionInit.PyTorchDefault(linear.weight!, linear.bias, pool.OutputDim, generator);
        RegisterComponents();
    }

    /// <summary>Encodes with <see cref="CropGenerator"/> (training mode) or the centre crop (eval mode).</summary>
    /// <param name="images">[N, 3, ImageSize, ImageSize], float in [0, 1] (or uint8 in [0, 255]).</param>
    /// <returns>[N, FeatureDim].</returns>
    public override Tensor forward(Tensor images) => Encode(images, CropGenerator);

    /// <summary>Encodes a batch; in training mode <paramref name="generator"/> draws one crop per image.</summary>
    /// <param name="images">[N, 3, ImageSize, ImageSize], float in [0, 1] (or uint8 in [0, 255]).</param>
    /// <param name="generator">Crop offsets in training mode (required there); unused in eval mode.</param>
    /// <returns>[N, FeatureDim].</returns>
    public Tensor Encode(Tensor images, Generator? generator)
    {
        CheckImages(images);
        using var scope = NewDisposeScope();
        var x = images.dtype == ScalarType.Byte
            ? images.to(linear.weight!.dtype) / 255.0
            : images.to(linear.weight!.dtype);                                                    // [N, 3, S, S] in [0, 1]
        var crop = Config.CropSize;
        x = training
            ? ImageCrop.Random(x, crop, generator ?? throw new InvalidOperationException(
                "ImageEncoder in training mode draws random crops: pass a generator to Encode or set CropGenerator."))
            : ImageCrop.Center(x, crop);                                                           // [N, 3, c, c]
        x = x * 2.0 - 1.0;                                                                         // [0, 1] → [−1, 1]
        var features = backbone.forward(x);                                                        // [N, 512, c/32, c/32]
        var keypoints = pool.forward(features);                                                    // [N, 2K]
        return linear.forward(keypoints).MoveToOuterDisposeScope();                                // [N, FeatureDim]
    }

    private void CheckImages(Tensor images)
    {
        var s = Config.ImageSize;
        if (images.shape is not [_, 3, var h, var w] || h != s || w != s)
            throw new ArgumentException(
                $"Expected images [N, 3, {s}, {s}] (ImageSize = {s}), got [{string.Join(", ", images.shape)}].");
        if (!images.is_floating_point() && images.dtype != ScalarType.Byte)
            throw new ArgumentException($"Expected float images in [0, 1] or uint8 images, got dtype {images.dtype}.");
    }
}
