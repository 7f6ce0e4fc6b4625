namespace RoboDiffusion.Data;

/// <summary>
/// Collects an episode frame by frame: call the Append overloads once per feature per frame (in any order), then
/// <see cref="Build"/>. Unknown names and wrong sizes fail at once, naming the feature.
/// </summary>
public sealed class EpisodeBuilder
{
    private readonly Dictionary<string, FeatureSpec> _features;
    private readonly Dictionary<string, List<float>> _floats = [];
    private readonly Dictionary<string, List<long>> _ints = [];
    private readonly Dictionary<string, List<bool>> _bools = [];
    private readonly Dictionary<string, List<byte>> _pixels = [];
    private readonly string _task;

    /// <summary>Starts an empty episode of the given features and task string.</summary>
    public EpisodeBuilder(IEnumerable<FeatureSpec> features, string task)
    {
        _features = features.ToDictionary(f => f.Name, f => f.Validated());
        _task = task ?? throw new ArgumentNullException(nameof(task));
        foreach (var f in _features.Values)
        {
            switch (f.DType)
            {
                case FeatureDType.Float32: _floats[f.Name] = []; break;
                case FeatureDType.Int64: _ints[f.Name] = []; break;
                case FeatureDType.Bool: _bools[f.Name] = []; break;
                case FeatureDType.Image: _pixels[f.Name] = []; break;
            }
        }
    }

    /// <summary>Appends one frame of a float32 feature (exactly its Size values).</summary>
    public EpisodeBuilder Append(string name, ReadOnlySpan<float> values)
    {
        foreach (var v in values)
            if (!float.IsFinite(v)) throw new ArgumentException($"Feature '{name}' got a non-finite value ({v}); datasets hold finite numbers only.");
        return Add(_floats, name, FeatureDType.Float32, values);
    }

    /// <summary>Appends one frame of a float32 feature from doubles (rounded to float32).</summary>
    public EpisodeBuilder Append(string name, ReadOnlySpan<double> values)
    {
        Span<float> f = values.Length <= 256 ? stackalloc float[values.Length] : new float[values.Length];
        for (var i = 0; i < values.Length; i++) f[i] = (float)values[i];
        return Append(name, f);
    }

    /// <summary>Appends one frame of a scalar bool feature.</summary>
    public EpisodeBuilder Append(string name, bool value) => Add(_bools, name, FeatureDType.Bool, [value]);

    /// <summary>Appends one frame of a scalar int64 feature.</summary>
    public EpisodeBuilder Append(string name, long value) => Add(_ints, name, FeatureDType.Int64, [value]);

    /// <summary>Appends one frame of an image feature: H*W*3 RGB bytes, row-major.</summary>
    public EpisodeBuilder AppendImage(string name, ReadOnlySpan<byte> rgb) => Add(_pixels, name, FeatureDType.Image, rgb);

    /// <summary>Number of complete frames so far (the minimum over features).</summary>
    public int Count => _features.Values.Min(f => Frames(f));

    /// <summary>The finished episode; every feature must have the same number of frames.</summary>
    public Episode Build()
    {
        var counts = _features.Values.ToDictionary(f => f.Name, Frames);
        if (counts.Values.Distinct().Count() != 1)
            throw new InvalidOperationException("Features have different frame counts: "
                + string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")) + ".");
        var columns = new Dictionary<string, Array>();
        foreach (var (k, v) in _floats) columns[k] = v.ToArray();
        foreach (var (k, v) in _ints) columns[k] = v.ToArray();
        foreach (var (k, v) in _bools) columns[k] = v.ToArray();
        foreach (var (k, v) in _pixels) columns[k] = v.ToArray();
        return new Episode(_task, counts.Values.First(), columns);
    }

    private int Frames(FeatureSpec f) => f.DType switch
    {
        FeatureDType.Float32 => _floats[f.Name].Count / f.Size,
        FeatureDType.Int64 => _ints[f.Name].Count / f.Size,
        FeatureDType.Bool => _bools[f.Name].Count / f.Size,
        _ => _pixels[f.Name].Count / f.Size,
    };

    private EpisodeBuilder Add<T>(Dictionary<string, List<T>> store, string name, FeatureDType dtype, ReadOnlySpan<T> values)
    {
        if (!_features.TryGetValue(name, out var spec))
            throw new KeyNotFoundException($"Unknown feature '{name}'. Valid names: {string.Join(", ", _features.Keys)}.");
        if (spec.DType != dtype)
            throw new ArgumentException($"Feature '{name}' has dtype {spec.DType}, not {dtype}.");
        if (values.Length != spec.Size)
            throw new ArgumentException($"Feature '{name}' takes {spec.Size} values per frame, got {values.Length}.");
        store[name].AddRange(values);
        return this;
    }
}
