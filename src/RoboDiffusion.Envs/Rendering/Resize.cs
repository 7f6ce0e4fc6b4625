namespace RoboDiffusion.Envs.Rendering;

/// <summary>
/// Bilinear resampling with OpenCV's INTER_LINEAR pixel-centre convention (source = (dst + 0.5)·scale − 0.5, clamped at
/// the borders). The original Push-T image observation is <c>cv2.resize(512×512 canvas, (96, 96))</c>, which samples
/// this way rather than averaging areas.
/// </summary>
public static class Resize
{
    /// <summary>
    /// Resizes a packed image with <paramref name="bytesPerPixel"/> ≥ 3 (RGB or RGBA) and returns packed RGB; only the
    /// taps each output pixel needs are read.
    /// </summary>
    public static byte[] Bilinear(ReadOnlySpan<byte> rgb, int width, int height, int newWidth, int newHeight, int bytesPerPixel = 3)
    {
        if (bytesPerPixel < 3 || rgb.Length != bytesPerPixel * width * height)
            throw new ArgumentException($"Expected {bytesPerPixel * width * height} bytes for {width}×{height} with {bytesPerPixel} bytes per pixel, got {rgb.Length}.");
        var bpp = bytesPerPixel;
        var (x0, wx) = Taps(width, newWidth);
        var (y0, wy) = Taps(height, newHeight);
        var result = new byte[3 * newWidth * newHeight];
        for (var y = 0; y < newHeight; y++)
        {
            int r0 = y0[y] * width, r1 = Math.Min(y0[y] + 1, height - 1) * width;
            for (var x = 0; x < newWidth; x++)
            {
                int c0 = x0[x], c1 = Math.Min(x0[x] + 1, width - 1);
                for (var c = 0; c < 3; c++)
                {
                    var top = rgb[bpp * (r0 + c0) + c] * (1 - wx[x]) + rgb[bpp * (r0 + c1) + c] * wx[x];
                    var bottom = rgb[bpp * (r1 + c0) + c] * (1 - wx[x]) + rgb[bpp * (r1 + c1) + c] * wx[x];
                    result[3 * (y * newWidth + x) + c] = (byte)Math.Round(top * (1 - wy[y]) + bottom * wy[y]);
                }
            }
        }
        return result;
    }

    // Left source index and right weight for every destination index.
    private static (int[] Index, double[] Weight) Taps(int source, int destination)
    {
        var scale = (double)source / destination;
        var index = new int[destination];
        var weight = new double[destination];
        for (var d = 0; d < destination; d++)
        {
            var f = (d + 0.5) * scale - 0.5;
            var i = (int)Math.Floor(f);
            var w = f - i;
            if (i < 0) (i, w) = (0, 0);
            if (i >= source - 1) (i, w) = (source - 1, 0);
            index[d] = i;
            weight[d] = w;
        }
        return (index, weight);
    }
}
