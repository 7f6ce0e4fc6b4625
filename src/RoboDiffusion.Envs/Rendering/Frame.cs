namespace RoboDiffusion.Envs.Rendering;

/// <summary>An RGB image, rows top to bottom, 3 bytes per pixel (no window, no global state).</summary>
public sealed record Frame(int Width, int Height, byte[] Rgb)
{
    /// <summary>The (r, g, b) of pixel (x, y); x is the column, y the row.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}×{Height} frame.");
            var i = 3 * (y * Width + x);
            return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }
    }

    /// <summary>Channels-first float image in [0, 1], shape [3, H, W], as the original image observation.</summary>
    public float[] ToChwFloats()
    {
        var plane = Width * Height;
        var result = new float[3 * plane];
        for (var p = 0; p < plane; p++)
            for (var c = 0; c < 3; c++)
                result[c * plane + p] = Rgb[3 * p + c] / 255f;
        return result;
    }
}
