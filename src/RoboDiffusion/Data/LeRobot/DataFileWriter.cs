using Parquet;
using Parquet.Schema;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>
/// Appends episodes to data/chunk-CCC/file-FFF.parquet, one row group per episode (dataset_writer.py
/// _save_episode_data), starting a new file once the current one passes the size limit and a new chunk folder after
/// chunks_size files (update_chunk_file_indices in lerobot/datasets/utils.py).
/// </summary>
internal sealed class DataFileWriter(string root, EpisodeDataset data, long maxFileBytes, int chunksSize) : IAsyncDisposable
{
    private readonly ParquetSchema _schema = new([.. LeRobotFormat.DefaultFeatures.Concat(data.Features).Select(ParquetColumns.FieldOf)]);
    private FileStream? _stream;
    private ParquetWriter? _writer;

    public int ChunkIndex { get; private set; }
    public int FileIndex { get; private set; }

    /// <summary>Writes episode <paramref name="e"/>, whose first global index is <paramref name="start"/>; returns its (chunk, file).</summary>
    public async Task<(int Chunk, int File)> AppendAsync(int e, long start)
    {
        if (_writer is null) await OpenAsync();
        var location = (ChunkIndex, FileIndex);
        using (var rg = _writer!.CreateRowGroup())
        {
            var fields = _schema.Fields;
            var k = 0;
            foreach (var f in LeRobotFormat.DefaultFeatures)
                await WriteDefaultAsync(rg, fields[k++], f.Name, e, start);
            foreach (var f in data.Features)
                await WriteFeatureAsync(rg, fields[k++], f, data.Episodes[e]);
            rg.CompleteValidate();
        }
        await _stream!.FlushAsync();
        if (_stream.Length >= maxFileBytes) await CloseAsync(advance: true);
        return location;
    }

    public async ValueTask DisposeAsync() => await CloseAsync(advance: false);

    private async Task OpenAsync()
    {
        var path = Path.Combine(root, LeRobotFormat.DataPath(ChunkIndex, FileIndex));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new FileStream(path, FileMode.CreateNew);
        _writer = await ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy });
    }

    private async Task CloseAsync(bool advance)
    {
        if (_writer is not null) await _writer.DisposeAsync();
        if (_stream is not null) await _stream.DisposeAsync();
        _writer = null;
        _stream = null;
        if (!advance) return;
        FileIndex++;
        if (FileIndex >= chunksSize) { FileIndex = 0; ChunkIndex++; }
    }

    private async Task WriteDefaultAsync(ParquetRowGroupWriter rg, Field field, string name, int e, long start)
    {
        var values = DatasetStats.DefaultColumn(data, name, e, start);
        if (name == LeRobotFormat.Timestamp)
            await ParquetColumns.WriteAsync(rg, field, [.. values.Select(v => (float)v)], 1);
        else
            await ParquetColumns.WriteAsync(rg, field, [.. values.Select(v => (long)v)], 1);
    }

    private static async Task WriteFeatureAsync(ParquetRowGroupWriter rg, Field field, FeatureSpec f, Episode episode)
    {
        switch (episode.Column(f.Name))
        {
            case float[] x: await ParquetColumns.WriteAsync(rg, field, x, f.Size); break;
            case long[] x: await ParquetColumns.WriteAsync(rg, field, x, f.Size); break;
            case bool[] x: await ParquetColumns.WriteAsync(rg, field, x, f.Size); break;
            case byte[] x:
                var frame = f.Size;
                var png = Enumerable.Range(0, episode.Length)
                    .Select(i => PngImages.Encode(x.AsSpan(i * frame, frame), f.Shape[0], f.Shape[1])).ToArray();
                await ParquetColumns.WriteImagesAsync(rg, field, png);
                break;
        }
    }
}
