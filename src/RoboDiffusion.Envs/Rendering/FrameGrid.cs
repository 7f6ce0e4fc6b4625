namespace RoboDiffusion.Envs.Rendering;

/// <summary>Tiles several rollouts into one animation: frame t shows every episode at its step t (finished ones hold their last frame).</summary>
public static class FrameGrid
{
    /// <summary>
    /// One frame per time step of the longest episode; episodes are laid out row-major in <paramref name="columns"/>
    /// columns, all frames of the same size, with a 2-pixel white gap between tiles.
    /// </summary>
    public static IReadOnlyList<Frame> Tile(IReadOnlyList<IReadOnlyList<Frame>> episodes, int columns)
    {
        if (episodes.Count == 0 || episodes.Any(e => e.Count == 0)) throw new ArgumentException("Every episode needs at least one frame.");
        if (columns < 1) throw new ArgumentException($"Columns must be ≥ 1, got {columns}.");
        var (w, h) = (episodes[0][0].Width, episodes[0][0].Height);
        if (episodes.SelectMany(e => e).Any(f => f.Width != w || f.Height != h))
            throw new ArgumentException("All frames of a grid must have the same size.");
        const int Gap = 2;
        var cols = Math.Min(columns, episodes.Count);
        var rows = (episodes.Count + cols - 1) / cols;
        var (gw, gh) = (cols * w + (cols - 1) * Gap, rows * h + (rows - 1) * Gap);
        var length = episodes.Max(e => e.Count);
        var result = new Frame[length];
        for (var t = 0; t < length; t++)
        {
            var rgb = new byte[gw * gh * 3];
            Array.Fill(rgb, (byte)255);
            for (var i = 0; i < episodes.Count; i++)
            {
                var f = episodes[i][Math.Min(t, episodes[i].Count - 1)];
                var (x0, y0) = (i % cols * (w + Gap), i / cols * (h + Gap));
                for (var y = 0; y < h; y++) Array.Copy(f.Rgb, y * w * 3, rgb, ((y0 + y) * gw + x0) * 3, w * 3);
            }
            result[t] = new Frame(gw, gh, rgb);
        }
        return result;
    }
}
