namespace RoboDiffusion.Data;

/// <summary>
/// One demonstration: <see cref="Length"/> frames of named features, stored column-wise (frame-major, row-major
/// within a frame). Columns are float[] (float32), long[] (int64), bool[] (bool) or byte[] (images, HxWx3 per frame).
/// Build one with <see cref="EpisodeBuilder"/>. LeRobot's bookkeeping columns (index, frame_index, timestamp, ...)
/// are not stored here: the writer derives them and the reader checks them.
/// </summary>
public sealed class Episode
{
    private readonly Dictionary<string, Array> _columns;

    /// <summary>Wraps columns that already hold <paramref name="length"/> frames each (sizes are checked by the dataset).</summary>
    public Episode(string task, int length, IReadOnlyDictionary<string, Array> columns)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (length <= 0) throw new ArgumentException($"An episode needs at least one frame, got {length}.");
        Task = task;
        Length = length;
        _columns = new Dictionary<string, Array>(columns);
    }

    /// <summary>The task string (LeRobot's meta/tasks.parquet entry) of this episode.</summary>
    public string Task { get; }

    /// <summary>Number of frames.</summary>
    public int Length { get; }

    /// <summary>Feature names present in this episode.</summary>
    public IEnumerable<string> FeatureNames => _columns.Keys;

    /// <summary>The raw column of a feature (float[], long[], bool[] or byte[]).</summary>
    public Array Column(string name) => _columns.TryGetValue(name, out var c) ? c
        : throw new KeyNotFoundException($"Episode has no feature '{name}'. Valid names: {string.Join(", ", _columns.Keys)}.");

    /// <summary>A float32 feature, [Length * dim].</summary>
    public float[] Floats(string name) => As<float[]>(name, "float32");

    /// <summary>An int64 feature, [Length * dim].</summary>
    public long[] Int64s(string name) => As<long[]>(name, "int64");

    /// <summary>A bool feature, [Length * dim].</summary>
    public bool[] Bools(string name) => As<bool[]>(name, "bool");

    /// <summary>An image feature, [Length * H * W * 3] bytes (RGB, row-major).</summary>
    public byte[] Pixels(string name) => As<byte[]>(name, "image");

    private T As<T>(string name, string dtype) where T : class => Column(name) as T
        ?? throw new InvalidOperationException($"Feature '{name}' is not of dtype {dtype} (it holds {Column(name).GetType().Name}).");

    /// <summary>Checks that every feature is present with the right element type and Length * Size values.</summary>
    internal void Validate(IReadOnlyList<FeatureSpec> features, int episodeIndex)
    {
        var extra = _columns.Keys.Except(features.Select(f => f.Name)).ToList();
        if (extra.Count > 0)
            throw new ArgumentException($"Episode {episodeIndex} has features not in the dataset: {string.Join(", ", extra)}.");
        foreach (var f in features)
        {
            if (!_columns.TryGetValue(f.Name, out var column))
                throw new ArgumentException($"Episode {episodeIndex} lacks feature '{f.Name}'.");
            var expectedType = ClrType(f.DType);
            if (column.GetType() != expectedType)
                throw new ArgumentException($"Episode {episodeIndex}, feature '{f.Name}': expected {expectedType.Name}, got {column.GetType().Name}.");
            if (column.Length != (long)Length * f.Size)
                throw new ArgumentException($"Episode {episodeIndex}, feature '{f.Name}': expected {Length} x {f.Size} values, got {column.Length}.");
        }
    }

    /// <summary>The array type that holds a dtype's column.</summary>
    public static Type ClrType(FeatureDType dtype) => dtype switch
    {
        FeatureDType.Float32 => typeof(float[]),
        FeatureDType.Int64 => typeof(long[]),
        FeatureDType.Bool => typeof(bool[]),
        FeatureDType.Image => typeof(byte[]),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };
}
