using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Data.Sequences;

/// <summary>
/// Training batches of <see cref="SequenceSampler"/> windows drawn uniformly with replacement: [B, Tp, D] per feature.
/// The draw uses only the trainer's per-step generator, so batch i is the same in a resumed run. Building a batch
/// copies B·Tp frames of floats, microseconds next to a network step, so the model never waits for data.
/// </summary>
public sealed class RandomWindowBatches : IBatchSource<Dictionary<string, Tensor>>
{
    private readonly SequenceSampler _sampler;
    private readonly int _batchSize;
    private readonly (string Key, int Steps)? _images;

    /// <param name="sampler">The windows.</param>
    /// <param name="batchSize">Windows per batch.</param>
    /// <param name="images">An image feature to add as bytes [B, Steps, H, W, 3] (its first Steps frames per window).</param>
    public RandomWindowBatches(SequenceSampler sampler, int batchSize, (string Key, int Steps)? images = null)
    {
        _images = images;
        if (batchSize < 1) throw new ArgumentException($"Batch size must be ≥ 1, got {batchSize}.", nameof(batchSize));
        if (sampler.Count == 0) throw new ArgumentException("The sampler has no windows: every episode is shorter than a window.", nameof(sampler));
        (_sampler, _batchSize) = (sampler, batchSize);
    }

    public Dictionary<string, Tensor> GetBatch(long index, Generator generator)
    {
        using var idx = randint(_sampler.Count, [_batchSize], dtype: ScalarType.Int64, generator: generator);
        var rows = idx.data<long>().Select(i => (int)i).ToArray();
        var batch = _sampler.Batch(rows);
        if (_images is var (key, steps)) batch[key] = _sampler.PixelBatch(rows, key, steps);
        return batch;
    }
}
