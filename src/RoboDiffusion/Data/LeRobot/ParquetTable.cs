using Parquet;
using Parquet.Schema;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// A parquet file opened for whole-column reads with strict checks: each failure (not parquet, truncated, missing
/// column, wrong type, nulls, wrong list length) is a <see cref="DatasetFormatException"/> naming the file.
/// </summary>
internal sealed class ParquetTable : IAsyncDisposable
{
    private readonly ParquetReader _reader;

    private ParquetTable(string path, ParquetReader reader, long rows)
    {
        Path = path;
        _reader = reader;
        RowCount = rows;
    }

    public string Path { get; }
    public long RowCount { get; }

    public static async Task<ParquetTable> OpenAsync(string path)
    {
        if (!File.Exists(path)) throw new DatasetFormatException(path, "file not found.");
        ParquetReader? reader = null;
        try
        {
            reader = await ParquetReader.CreateAsync(path);
            long rows = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                rows += rg.RowCount;
            }
            return new ParquetTable(path, reader, rows);
        }
        catch (Exception e) when (e is not DatasetFormatException)
        {
            if (reader is not null) await reader.DisposeAsync();
            throw new DatasetFormatException(path, $"not a readable parquet file (truncated or corrupt?): {e.Message}", e);
        }
    }

    public bool HasColumn(string name) => _reader.Schema.Fields.Any(f => f.Name == name);

    /// <summary>A numeric column with <paramref name="dim"/> values per row (a scalar column when dim is 1 and it is not a list).</summary>
    public async Task<T[]> ReadAsync<T>(string name, int dim) where T : struct
    {
        var leaf = Leaf(name, 0, typeof(T));
        var parts = new List<T>((int)RowCount * dim);
        await ForEachRowGroup(name, async rg =>
        {
            var (values, reps) = await ReadLeafAsync<T>(rg, leaf, name);
            CheckRowLengths(name, reps, leaf, dim, rg.RowCount);
            parts.AddRange(values);
        });
        return [.. parts];
    }

    /// <summary>A list&lt;string&gt; column.</summary>
    public async Task<string[][]> ReadStringListsAsync(string name)
    {
        var leaf = Leaf(name, 0, typeof(ReadOnlyMemory<char>));
        var rows = new List<string[]>();
        await ForEachRowGroup(name, async rg =>
        {
            var (values, reps) = await ReadLeafAsync<ReadOnlyMemory<char>>(rg, leaf, name);
            var current = new List<string>();
            for (var i = 0; i < values.Length; i++)
            {
                if (reps is null || (reps[i] == 0 && i > 0)) { rows.Add([.. current]); current.Clear(); }
                current.Add(values[i].ToString());
            }
            if (values.Length > 0) rows.Add([.. current]);
        });
        return [.. rows];
    }

    /// <summary>A plain string column.</summary>
    public async Task<string[]> ReadStringsAsync(string name)
    {
        var leaf = Leaf(name, 0, typeof(ReadOnlyMemory<char>));
        var rows = new List<string>();
        await ForEachRowGroup(name, async rg => rows.AddRange((await ReadLeafAsync<ReadOnlyMemory<char>>(rg, leaf, name)).Values.Select(v => v.ToString())));
        return [.. rows];
    }

    /// <summary>The "bytes" member of an image struct column.</summary>
    public async Task<byte[][]> ReadImageBytesAsync(string name)
    {
        var leaf = Leaf(name, 0, typeof(ReadOnlyMemory<byte>));
        var rows = new List<byte[]>();
        await ForEachRowGroup(name, async rg => rows.AddRange((await ReadLeafAsync<ReadOnlyMemory<byte>>(rg, leaf, name)).Values.Select(v => v.ToArray())));
        return [.. rows];
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private DataField Leaf(string name, int index, Type clrType)
    {
        var field = _reader.Schema.Fields.FirstOrDefault(f => f.Name == name)
            ?? throw Fail($"missing column '{name}'. Columns: {string.Join(", ", _reader.Schema.Fields.Select(f => f.Name))}.");
        var leaves = ParquetColumns.Leaves(field);
        if (index >= leaves.Count) throw Fail($"column '{name}' has an unexpected layout.");
        var leaf = leaves[index];
        if (leaf.ClrType != clrType) throw Fail($"column '{name}' holds {leaf.ClrType.Name}, expected {clrType.Name}.");
        return leaf;
    }

    private async Task ForEachRowGroup(string name, Func<ParquetRowGroupReader, Task> read)
    {
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            using var rg = _reader.OpenRowGroupReader(g);
            try { await read(rg); }
            catch (Exception e) when (e is not DatasetFormatException)
            {
                throw new DatasetFormatException(Path, $"cannot read column '{name}' in row group {g} (truncated or corrupt?): {e.Message}", e);
            }
        }
    }

    private async Task<(T[] Values, int[]? Reps)> ReadLeafAsync<T>(ParquetRowGroupReader rg, DataField leaf, string name) where T : struct
    {
        var n = checked((int)(rg.GetMetadata(leaf)?.MetaData?.NumValues ?? throw Fail($"column '{name}' has no metadata.")));
        var values = new T[n];
        var defs = leaf.MaxDefinitionLevel > 0 ? new int[n] : null;
        var reps = leaf.MaxRepetitionLevel > 0 ? new int[n] : null;
        // A null int[] would convert to an empty (not absent) Memory<int>, so absent levels are passed as null explicitly.
        await rg.ReadRawAsync<T>(leaf, values, Levels(defs), Levels(reps));
        if (defs is not null && defs.Any(d => d != leaf.MaxDefinitionLevel))
            throw Fail($"column '{name}' has null or empty entries; every frame needs a value.");
        return (values, reps);
    }

    private static Memory<int>? Levels(int[]? levels) => levels is null ? null : (Memory<int>?)levels;

    private void CheckRowLengths(string name, int[]? reps, DataField leaf, int dim, long rows)
    {
        if (reps is null)
        {
            if (dim != 1) throw Fail($"column '{name}' is a scalar, but info.json gives it {dim} values per frame.");
            return;
        }
        var starts = reps.Select((r, i) => (r, i)).Where(t => t.r == 0).Select(t => t.i).Append(reps.Length).ToArray();
        if (starts.Length - 1 != rows) throw Fail($"column '{name}' has {starts.Length - 1} lists for {rows} rows.");
        for (var k = 0; k + 1 < starts.Length; k++)
            if (starts[k + 1] - starts[k] != dim)
                throw Fail($"column '{name}', row {k}: {starts[k + 1] - starts[k]} values, expected {dim} (leaf {leaf.Path}).");
    }

    private DatasetFormatException Fail(string problem) => new(Path, problem);
}
