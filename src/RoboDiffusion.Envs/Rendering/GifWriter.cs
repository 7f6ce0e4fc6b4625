using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace RoboDiffusion.Envs.Rendering;

/// <summary>Writes frames as a looping animated GIF (GIF89a) with SixLabors.ImageSharp 2.x.</summary>
public static class GifWriter
{
    /// <summary>Writes <paramref name="frames"/> (all the same size) with <paramref name="frameDelayMs"/> between frames.</summary>
    public static void Write(string path, IReadOnlyList<Frame> frames, int frameDelayMs = 100)
    {
        if (frames.Count == 0) throw new ArgumentException("A GIF needs at least one frame.", nameof(frames));
        var (w, h) = (frames[0].Width, frames[0].Height);
        if (frames.Any(f => f.Width != w || f.Height != h))
            throw new ArgumentException($"All frames must be {w}×{h}.", nameof(frames));
        using var animation = new Image<Rgb24>(w, h);
        foreach (var frame in frames)
        {
            using var image = Image.LoadPixelData<Rgb24>(frame.Rgb, w, h);
            image.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = Math.Max(1, frameDelayMs / 10);   // 1/100 s
            animation.Frames.AddFrame(image.Frames.RootFrame);
        }
        animation.Frames.RemoveFrame(0);                                  // the blank frame the constructor made
        animation.Metadata.GetGifMetadata().RepeatCount = 0;              // loop forever
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        animation.SaveAsGif(path, new GifEncoder());
    }
}
