using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// PNG bytes for LeRobot "image" features (datasets.Image stores {bytes, path}; LeRobot's image writer saves PNG).
/// PNG is lossless, so pixels round-trip exactly.
/// </summary>
internal static class PngImages
{
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };

    /// <summary>Encodes H*W*3 RGB bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgb, int height, int width)
    {
        using var image = Image.LoadPixelData<Rgb24>(rgb, width, height);
        using var ms = new MemoryStream();
        image.Save(ms, Encoder);
        return ms.ToArray();
    }

    /// <summary>Decodes into H*W*3 RGB bytes at <paramref name="destination"/>; a wrong size or a bad PNG names the file.</summary>
    public static void Decode(byte[] png, int height, int width, Span<byte> destination, string path, string feature, long row)
    {
        Image<Rgb24> image;
        try { image = Image.Load<Rgb24>(png); }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new DatasetFormatException(path, $"feature '{feature}', row {row}: image bytes are not a valid PNG/JPEG ({e.Message}).", e);
        }
        using (image)
        {
            if (image.Height != height || image.Width != width)
                throw new DatasetFormatException(path, $"feature '{feature}', row {row}: image is {image.Height}x{image.Width}, info.json says {height}x{width}.");
            image.CopyPixelDataTo(destination);
        }
    }
}
