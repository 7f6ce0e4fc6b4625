using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace RoboDiffusion.Data.LeRobot;

/// <summary>meta/tasks.parquet and meta/episodes/…parquet, written and read (io_utils.py write_tasks/load_episodes).</summary>
internal static class MetaFiles
{
    /// <summary>
    /// tasks.parquet as pandas writes a DataFrame indexed by the task string: columns task_index, task, and the
    /// "pandas" schema metadata that marks "task" as the index (LeRobot reads it with pd.read_parquet).
    /// </summary>
    public static async Task WriteTasksAsync(string path, IReadOnlyList<string> tasks)
    {
        var index = new DataField<long>("task_index", true);
        var task = new DataField<string>("task", true);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var fs = new FileStream(path, FileMode.CreateNew);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(index, task), fs);
        writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata() };
        using var rg = writer.CreateRowGroup();
        await ParquetColumns.WriteAsync(rg, index, [.. Enumerable.Range(0, tasks.Count).Select(i => (long)i)], 1);
        await ParquetColumns.WriteStringsAsync(rg, task, tasks);
        rg.CompleteValidate();
    }

    private static string PandasMetadata() => JsonSerializer.Serialize(new
    {
        index_columns = new[] { "task" },
        column_indexes = new[] { new { name = (string?)null, field_name = (string?)null, pandas_type = "unicode", numpy_type = "object", metadata = new { encoding = "UTF-8" } } },
        columns = new object[]
        {
            new { name = "task_index", field_name = "task_index", pandas_type = "int64", numpy_type = "int64", metadata = (object?)null },
            new { name = "task", field_name = "task", pandas_type = "unicode", numpy_type = "object", metadata = (object?)null },
        },
        creator = new { library = "RoboDiffusion", version = "1" },
        pandas_version = "2.2.3",
    });

    /// <summary>Task strings by task_index.</summary>
    public static async Task<string[]> ReadTasksAsync(string path)
    {
        await using var t = await ParquetTable.OpenAsync(path);
        var index = await t.ReadAsync<long>("task_index", 1);
        var tasks = await t.ReadStringsAsync("task");
        if (index.Length != tasks.Length) throw new DatasetFormatException(path, "task_index and task columns differ in length.");
        var result = new string[tasks.Length];
        for (var i = 0; i < index.Length; i++)
        {
            if (index[i] < 0 || index[i] >= tasks.Length || result[index[i]] is not null)
                throw new DatasetFormatException(path, $"task_index values must be 0..{tasks.Length - 1} without repeats; found {index[i]}.");
            result[index[i]] = tasks[i];
        }
        return result;
    }

    /// <summary>One row per episode, plus flattened per-episode stats columns "stats/{feature}/{key}".</summary>
    public static async Task WriteEpisodesAsync(string path, IReadOnlyList<EpisodeRecord> rows,
        IReadOnlyList<IReadOnlyDictionary<string, FeatureStats>> stats, IReadOnlyList<string> featureNames)
    {
        var statKeys = new[] { "min", "max", "mean", "std" }.Concat(FeatureStats.QuantileLevels.Select(l => l.Key)).ToArray();
        var fixedFields = new Field[]
        {
            new DataField<long>("episode_index", true), new DataField<long>("data/chunk_index", true),
            new DataField<long>("data/file_index", true), new DataField<long>("dataset_from_index", true),
            new DataField<long>("dataset_to_index", true), new ListField("tasks", new DataField<string>("element", true)),
            new DataField<long>("length", true),
        };
        var statFields = featureNames.SelectMany(f => statKeys.Append("count").Select(k => (Feature: f, Key: k,
            Field: (Field)new ListField($"stats/{f}/{k}", new DataField("element", k == "count" ? typeof(long) : typeof(double), true))))).ToArray();
        var tailFields = new Field[] { new DataField<long>("meta/episodes/chunk_index", true), new DataField<long>("meta/episodes/file_index", true) };

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var fs = new FileStream(path, FileMode.CreateNew);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. fixedFields, .. statFields.Select(s => s.Field), .. tailFields]), fs);
        using var rg = writer.CreateRowGroup();
        async Task Longs(Field f, Func<EpisodeRecord, long> get) => await ParquetColumns.WriteAsync(rg, f, [.. rows.Select(get)], 1);
        await Longs(fixedFields[0], r => r.EpisodeIndex);
        await Longs(fixedFields[1], r => r.DataChunkIndex);
        await Longs(fixedFields[2], r => r.DataFileIndex);
        await Longs(fixedFields[3], r => r.DatasetFromIndex);
        await Longs(fixedFields[4], r => r.DatasetToIndex);
        await ParquetColumns.WriteStringListsAsync(rg, fixedFields[5], [.. rows.Select(r => r.Tasks)]);
        await Longs(fixedFields[6], r => r.Length);
        foreach (var (feature, key, field) in statFields)
        {
            if (key == "count") { await ParquetColumns.WriteAsync(rg, field, [.. stats.Select(s => s[feature].Count)], 1); continue; }
            var dim = stats[0][feature].Min.Length;
            await ParquetColumns.WriteAsync(rg, field, [.. stats.SelectMany(s => StatVector(s[feature], key))], dim);
        }
        await Longs(tailFields[0], _ => 0);
        await Longs(tailFields[1], _ => 0);
        rg.CompleteValidate();
    }

    private static double[] StatVector(FeatureStats s, string key) => key switch
    {
        "min" => s.Min, "max" => s.Max, "mean" => s.Mean, "std" => s.Std, _ => s.Quantiles[key],
    };

    /// <summary>Reads every meta/episodes/*/*.parquet file, rows sorted by episode_index.</summary>
    public static async Task<List<EpisodeRecord>> ReadEpisodesAsync(string root)
    {
        var dir = Path.Combine(root, "meta", "episodes");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0) throw new DatasetFormatException(dir, "no episode metadata files (meta/episodes/chunk-*/file-*.parquet).");
        var rows = new List<EpisodeRecord>();
        foreach (var file in files)
        {
            await using var t = await ParquetTable.OpenAsync(file);
            var ep = await t.ReadAsync<long>("episode_index", 1);
            var chunk = await t.ReadAsync<long>("data/chunk_index", 1);
            var fileIdx = await t.ReadAsync<long>("data/file_index", 1);
            var from = await t.ReadAsync<long>("dataset_from_index", 1);
            var to = await t.ReadAsync<long>("dataset_to_index", 1);
            var length = await t.ReadAsync<long>("length", 1);
            var tasks = await t.ReadStringListsAsync("tasks");
            if (tasks.Length != ep.Length) throw new DatasetFormatException(file, "the tasks column does not have one list per episode.");
            for (var i = 0; i < ep.Length; i++)
                rows.Add(new EpisodeRecord((int)ep[i], tasks[i], (int)length[i], (int)chunk[i], (int)fileIdx[i], from[i], to[i]));
        }
        return [.. rows.OrderBy(r => r.EpisodeIndex)];
    }
}
