using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Value training batches: <see cref="SequenceSampler"/> windows drawn uniformly with replacement ([B, H, D] per feature)
/// plus each window's target under <see cref="ReturnKey"/>, the return-to-go from its first frame ([B]), as Diffuser's
/// ValueDataset. Uses only the trainer's per-step generator, so a resumed run sees the same batches.
/// </summary>
public sealed class ReturnWindowBatches : IBatchSource<Dictionary<string, Tensor>>
{
    /// <summary>Batch key of the targets [B].</summary>
    public const string ReturnKey = "return_to_go";

    private readonly SequenceSampler _sampler;
    private readonly IReadOnlyList<float> _returns;
    private readonly int _batchSize;

    /// <param name="sampler">Windows without padding (a window's first frame is its start).</param>
    /// <param name="returnsToGo">Return-to-go per frame of the sampler's table (<see cref="ValueObjective.ReturnsToGo"/>).</param>
    /// <param name="batchSize">Windows per batch.</param>
    public ReturnWindowBatches(SequenceSampler sampler, IReadOnlyList<float> returnsToGo, int batchSize)
    {
        if (batchSize < 1) throw new ArgumentException($"Batch size must be ≥ 1, got {batchSize}.", nameof(batchSize));
        if (sampler.Count == 0) throw new ArgumentException("The sampler has no windows: every episode is shorter than a window.", nameof(sampler));
        (_sampler, _returns, _batchSize) = (sampler, returnsToGo, batchSize);
    }

    public Dictionary<string, Tensor> GetBatch(long index, Generator generator)
    {
        using var idx = randint(_sampler.Count, [_batchSize], dtype: ScalarType.Int64, generator: generator);
        var rows = idx.data<long>().Select(i => (int)i).ToArray();
        var batch = _sampler.Batch(rows);
        batch[ReturnKey] = tensor(rows.Select(r => _returns[_sampler.Window(r).BufferStart]).ToArray());   // [B]
        return batch;
    }
}
