namespace RoboDiffusion.Data;

/// <summary>
/// Every frame of a dataset concatenated per feature, like diffusion_policy's ReplayBuffer: numeric features as
/// contiguous float arrays [TotalFrames * dim] (int64 and bool converted to float), images as contiguous bytes, and
/// <see cref="EpisodeEnds"/> holding the exclusive end frame of each episode (zarr's meta/episode_ends).
/// </summary>
public sealed class FrameTable
{
    private readonly Dictionary<string, float[]> _values;
    private readonly Dictionary<string, byte[]> _pixels;
    private readonly Dictionary<string, FeatureSpec> _specs;

    private FrameTable(int frames, long[] episodeEnds, Dictionary<string, FeatureSpec> specs,
        Dictionary<string, float[]> values, Dictionary<string, byte[]> pixels)
    {
        FrameCount = frames;
        EpisodeEnds = episodeEnds;
        _specs = specs;
        _values = values;
        _pixels = pixels;
    }

    /// <summary>Total number of frames.</summary>
    public int FrameCount { get; }

    /// <summary>Exclusive end frame of each episode; the last equals <see cref="FrameCount"/>.</summary>
    public IReadOnlyList<long> EpisodeEnds { get; }

    /// <summary>Number of episodes.</summary>
    public int EpisodeCount => EpisodeEnds.Count;

    /// <summary>Frame range [Start, End) of an episode.</summary>
    public (int Start, int End) EpisodeRange(int episode) =>
        ((int)(episode == 0 ? 0 : EpisodeEnds[episode - 1]), (int)EpisodeEnds[episode]);

    /// <summary>Values per frame of a feature.</summary>
    public int Dim(string name) => Spec(name).Size;

    /// <summary>Shape of one frame of a feature ([D], or [H, W, 3] for images).</summary>
    public IReadOnlyList<int> Shape(string name) => Spec(name).Shape;

    /// <summary>Values per frame of a numeric feature; an image or unknown name throws listing the numeric ones.</summary>
    public int NumericDim(string name)
    {
        _ = Values(name);
        return Dim(name);
    }

    /// <summary>A numeric feature as [FrameCount * dim] floats.</summary>
    public float[] Values(string name) => _values.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"No numeric feature '{name}'. Valid names: {string.Join(", ", _values.Keys)}.");

    /// <summary>An image feature as [FrameCount * H * W * 3] bytes.</summary>
    public byte[] Pixels(string name) => _pixels.TryGetValue(name, out var v) ? v
        : throw new KeyNotFoundException($"No image feature '{name}'. Valid names: {string.Join(", ", _pixels.Keys)}.");

    private FeatureSpec Spec(string name) => _specs.TryGetValue(name, out var s) ? s
        : throw new KeyNotFoundException($"Unknown feature '{name}'. Valid names: {string.Join(", ", _specs.Keys)}.");

    internal static FrameTable From(EpisodeDataset data)
    {
        var total = data.TotalFrames;
        var ends = new long[data.Episodes.Count];
        var values = new Dictionary<string, float[]>();
        var pixels = new Dictionary<string, byte[]>();
        foreach (var f in data.Features)
        {
            if (f.DType == FeatureDType.Image) pixels[f.Name] = new byte[(long)total * f.Size];
            else values[f.Name] = new float[(long)total * f.Size];
        }
        var start = 0;
        for (var e = 0; e < data.Episodes.Count; e++)
        {
            var ep = data.Episodes[e];
            foreach (var f in data.Features) CopyColumn(ep.Column(f.Name), f, start, values, pixels);
            start += ep.Length;
            ends[e] = start;
        }
        return new FrameTable(total, ends, data.Features.ToDictionary(f => f.Name), values, pixels);
    }

    private static void CopyColumn(Array column, FeatureSpec f, int startFrame, Dictionary<string, float[]> values, Dictionary<string, byte[]> pixels)
    {
        var offset = (long)startFrame * f.Size;
        switch (column)
        {
            case byte[] b: Array.Copy(b, 0, pixels[f.Name], offset, b.Length); break;
            case float[] x: Array.Copy(x, 0, values[f.Name], offset, x.Length); break;
            case long[] x: for (var i = 0; i < x.Length; i++) values[f.Name][offset + i] = x[i]; break;
            case bool[] x: for (var i = 0; i < x.Length; i++) values[f.Name][offset + i] = x[i] ? 1f : 0f; break;
        }
    }
}
