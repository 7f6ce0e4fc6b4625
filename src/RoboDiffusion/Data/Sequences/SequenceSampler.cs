using static TorchSharp.torch;

namespace RoboDiffusion.Data.Sequences;

/// <summary>
/// Fixed-length training windows over the episodes of a <see cref="FrameTable"/>, as diffusion_policy's
/// SequenceSampler and create_indices (Chi et al., RSS 2023; common/sampler.py). A window of length Tp may start
/// up to padBefore frames before its episode's first frame and end up to padAfter frames after its last; the missing
/// frames repeat the episode's first or last frame, and no window crosses an episode boundary. Diffusion Policy uses
/// padBefore = To − 1 and padAfter = Ta − 1. An episode of length L gives max(0, L + padBefore + padAfter − Tp + 1)
/// windows (starts −padBefore … L − Tp + padAfter). Deterministic: window i is the same on every run.
/// </summary>
public sealed class SequenceSampler
{
    private readonly FrameTable _table;
    private readonly SequenceWindow[] _windows;

    /// <summary>Indexes the windows of the episodes selected by <paramref name="episodeMask"/> (all when null).</summary>
    /// <param name="table">Frames and episode ends.</param>
    /// <param name="sequenceLength">Tp, the window length (≥ 1).</param>
    /// <param name="padBefore">Frames a window may start before its episode, in [0, Tp − 1].</param>
    /// <param name="padAfter">Frames a window may end after its episode, in [0, Tp − 1].</param>
    /// <param name="keys">Numeric features to sample; unknown names list the valid ones.</param>
    /// <param name="episodeMask">Per-episode flag (e.g. a train/validation split); null selects every episode.</param>
    public SequenceSampler(FrameTable table, int sequenceLength, int padBefore, int padAfter,
        IReadOnlyList<string> keys, IReadOnlyList<bool>? episodeMask = null)
    {
        if (sequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "Window length must be at least 1.");
        CheckPad(padBefore, sequenceLength, nameof(padBefore));
        CheckPad(padAfter, sequenceLength, nameof(padAfter));
        if (episodeMask is not null && episodeMask.Count != table.EpisodeCount)
            throw new ArgumentException($"Episode mask has {episodeMask.Count} entries but the table has {table.EpisodeCount} episodes.");
        if (keys.Count == 0) throw new ArgumentException("Give at least one feature to sample.");
        foreach (var k in keys) _ = table.Values(k);   // throws with the valid names
        _table = table;
        Keys = [.. keys];
        SequenceLength = sequenceLength;
        _windows = [.. Enumerable.Range(0, table.EpisodeCount)
            .Where(e => episodeMask?[e] ?? true)
            .SelectMany(e => EpisodeWindows(table.EpisodeRange(e), sequenceLength, padBefore, padAfter))];
    }

    /// <summary>Tp, frames per window.</summary>
    public int SequenceLength { get; }

    /// <summary>The sampled features.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Number of windows.</summary>
    public int Count => _windows.Length;

    /// <summary>Index row of window <paramref name="index"/>.</summary>
    public SequenceWindow Window(int index) => _windows[CheckIndex(index)];

    /// <summary>Window count of one episode: the length of create_indices' range(−padBefore, L − Tp + padAfter + 1).</summary>
    public static int WindowCount(int episodeLength, int sequenceLength, int padBefore, int padAfter) =>
        Math.Max(0, episodeLength + padBefore + padAfter - sequenceLength + 1);

    /// <summary>Window <paramref name="index"/> of one feature as row-major floats [Tp * D].</summary>
    public float[] Sample(int index, string key)
    {
        var w = Window(index);
        var dim = _table.Dim(key);
        var values = _table.Values(key);
        var result = new float[SequenceLength * dim];
        for (var t = 0; t < SequenceLength; t++)
            Array.Copy(values, (long)Frame(w, t) * dim, result, (long)t * dim, dim);
        return result;
    }

    /// <summary>
    /// The first <paramref name="steps"/> frames of windows of an image feature, as bytes [B, steps, H, W, 3] (only the
    /// observation steps of a window are ever needed, so the other frames are not copied).
    /// </summary>
    public Tensor PixelBatch(IReadOnlyList<int> indices, string key, int steps)
    {
        if (steps < 1 || steps > SequenceLength) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Steps must lie in [1, {SequenceLength}].");
        var pixels = _table.Pixels(key);
        var shape = _table.Shape(key);
        var size = _table.Dim(key);
        var data = new byte[(long)indices.Count * steps * size];
        for (var b = 0; b < indices.Count; b++)
        {
            var w = Window(indices[b]);
            for (var t = 0; t < steps; t++) Array.Copy(pixels, (long)Frame(w, t) * size, data, ((long)b * steps + t) * size, size);
        }
        return tensor(data, [indices.Count, steps, .. shape.Select(d => (long)d)]);
    }

    /// <summary>Frame of window position t: positions outside [SampleStart, SampleEnd) repeat the nearest copied frame.</summary>
    private static int Frame(SequenceWindow w, int t) => w.BufferStart + Math.Clamp(t - w.SampleStart, 0, w.BufferEnd - w.BufferStart - 1);

    /// <summary>Window <paramref name="index"/> of every key, as row-major floats [Tp * D].</summary>
    public Dictionary<string, float[]> Sample(int index) => Keys.ToDictionary(k => k, k => Sample(index, k));

    /// <summary>A batch of windows as float32 tensors [B, Tp, D] per key, in the order of <paramref name="indices"/>.</summary>
    public Dictionary<string, Tensor> Batch(IReadOnlyList<int> indices)
    {
        if (indices.Count == 0) throw new ArgumentException("A batch needs at least one window index.");
        var batch = new Dictionary<string, Tensor>();
        foreach (var key in Keys)
        {
            var dim = _table.Dim(key);
            var data = new float[(long)indices.Count * SequenceLength * dim];
            for (var b = 0; b < indices.Count; b++)
                Sample(indices[b], key).CopyTo(data, (long)b * SequenceLength * dim);
            batch[key] = tensor(data, [indices.Count, SequenceLength, dim]);
        }
        return batch;
    }

    private static IEnumerable<SequenceWindow> EpisodeWindows((int Start, int End) episode, int length, int padBefore, int padAfter)
    {
        var episodeLength = episode.End - episode.Start;
        for (var idx = -padBefore; idx <= episodeLength - length + padAfter; idx++)
        {
            // idx is the window start relative to the episode; clip it to the episode's frames
            var bufferStart = Math.Max(idx, 0);
            var bufferEnd = Math.Min(idx + length, episodeLength);
            var sampleStart = bufferStart - idx;
            var sampleEnd = length - (idx + length - bufferEnd);
            yield return new SequenceWindow(episode.Start + bufferStart, episode.Start + bufferEnd, sampleStart, sampleEnd);
        }
    }

    private static void CheckPad(int pad, int length, string name)
    {
        if (pad < 0 || pad > length - 1)
            throw new ArgumentOutOfRangeException(name, pad, $"Padding must lie in [0, {length - 1}] for windows of {length} frames.");
    }

    private int CheckIndex(int index) => index >= 0 && index < _windows.Length ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Window index must lie in [0, {_windows.Length - 1}].");
}
