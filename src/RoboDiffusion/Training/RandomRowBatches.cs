using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// The simplest <see cref="IBatchSource{TBatch}"/>: <c>batchSize</c> rows drawn uniformly with replacement from
/// in-memory columns that share their first dimension (e.g. samples [N, D] and conditions [N, C]); the same rows of
/// every column are returned, in column order.
/// </summary>
public sealed class RandomRowBatches : IBatchSource<Tensor[]>
{
    private readonly Tensor[] _columns;
    private readonly int _batchSize;

    public RandomRowBatches(int batchSize, params Tensor[] columns)
    {
        if (batchSize < 1) throw new ArgumentException($"Batch size must be ≥ 1, got {batchSize}.", nameof(batchSize));
        if (columns.Length == 0) throw new ArgumentException("Give at least one column.", nameof(columns));
        var rows = columns[0].shape[0];
        if (rows == 0) throw new ArgumentException("The columns have no rows.", nameof(columns));
        for (var i = 1; i < columns.Length; i++)
            if (columns[i].shape[0] != rows)
                throw new ArgumentException($"Column {i} has {columns[i].shape[0]} rows but column 0 has {rows}.", nameof(columns));
        (_columns, _batchSize) = (columns, batchSize);
    }

    public Tensor[] GetBatch(long index, Generator generator)
    {
        using var idx = randint(_columns[0].shape[0], [_batchSize], dtype: ScalarType.Int64, device: _columns[0].device, generator: generator);
        return [.. _columns.Select(c => c.index_select(0, idx))];   // [batchSize, …] each
    }
}
