using static TorchSharp.torch;

namespace RoboDiffusion.Nn.Vision;

/// <summary>
/// Square crops of image batches [N, C, H, W], the augmentation of Diffusion Policy's image encoder (Chi et al. 2023,
/// §IV-B; robomimic's <c>CropRandomizer</c>): a random crop per image while training, the centre crop at evaluation.
/// Crops are gathers, so gradients flow back to the input.
/// </summary>
public static class ImageCrop
{
    /// <summary>
    /// One size×size crop per image at its own offset, top and left each uniform on {0, …, H − size} and
    /// {0, …, W − size}, as torchvision's RandomCrop draws them. Tops are drawn first (N values), then lefts.
    /// </summary>
    /// <returns>[N, C, size, size].</returns>
    public static Tensor Random(Tensor images, int size, Generator generator)
    {
        Check(images, size);
        using var scope = NewDisposeScope();
        var n = images.shape[0];
        var top = randint(0, images.shape[2] - size + 1, [n], ScalarType.Int64, images.device, generator: generator);
        var left = randint(0, images.shape[3] - size + 1, [n], ScalarType.Int64, images.device, generator: generator);
        return At(images, size, top, left).MoveToOuterDisposeScope();
    }

    /// <summary>The middle size×size window, offsets ⌊(H − size)/2⌋ and ⌊(W − size)/2⌋ (robomimic's center_crop).</summary>
    /// <returns>[N, C, size, size].</returns>
    public static Tensor Center(Tensor images, int size)
    {
        Check(images, size);
        var top = (images.shape[2] - size) / 2;
        var left = (images.shape[3] - size) / 2;
        return images.narrow(2, top, size).narrow(3, left, size);
    }

    /// <summary>Crops image i at rows top[i] … top[i] + size − 1 and columns left[i] … left[i] + size − 1.</summary>
    /// <param name="images">[N, C, H, W].</param>
    /// <param name="size">Side of the crop.</param>
    /// <param name="top">[N] integer row offsets in [0, H − size].</param>
    /// <param name="left">[N] integer column offsets in [0, W − size].</param>
    /// <returns>[N, C, size, size].</returns>
    public static Tensor At(Tensor images, int size, Tensor top, Tensor left)
    {
        Check(images, size);
        var (n, c, w) = (images.shape[0], images.shape[1], images.shape[3]);
        if (top.shape is not [var nt] || left.shape is not [var nl] || nt != n || nl != n)
            throw new ArgumentException($"Expected offsets [{n}], got top [{string.Join(", ", top.shape)}] and left [{string.Join(", ", left.shape)}].");
        using var scope = NewDisposeScope();
        var steps = arange(size, ScalarType.Int64, images.device);                                     // [size]
        var rows = (top.to(ScalarType.Int64).view(n, 1) + steps).view(n, 1, size, 1).expand(n, c, size, w);
        var band = images.gather(2, rows);                                                               // [N, C, size, W]
        var cols = (left.to(ScalarType.Int64).view(n, 1) + steps).view(n, 1, 1, size).expand(n, c, size, size);
        return band.gather(3, cols).MoveToOuterDisposeScope();                                          // [N, C, size, size]
    }

    private static void Check(Tensor images, int size)
    {
        if (images.dim() != 4)
            throw new ArgumentException($"Expected images [N, C, H, W], got [{string.Join(", ", images.shape)}].");
        if (size < 1 || images.shape[2] < size || images.shape[3] < size)
            throw new ArgumentException(
                $"Crop size {size} does not fit images [{string.Join(", ", images.shape)}]; it must be in [1, min(H, W)].");
    }
}
