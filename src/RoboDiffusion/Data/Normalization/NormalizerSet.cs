using System.Globalization;
using RoboDiffusion.Checkpoints;
using static TorchSharp.torch;

namespace RoboDiffusion.Data.Normalization;

/// <summary>
/// One <see cref="MinMaxNormalizer"/> per feature ("action", "observation.state", ...), like diffusion_policy's
/// LinearNormalizer params_dict. Travels with a checkpoint as float64 tensors "&lt;feature&gt;.min" and
/// "&lt;feature&gt;.max" in a safetensors file; scale and offset are recomputed from them on load.
/// </summary>
public sealed class NormalizerSet
{
    /// <summary>Value of the "format" metadata entry in saved files.</summary>
    public const string Format = "robodiffusion.minmax-normalizer/1";

    private const string MinSuffix = ".min";
    private const string MaxSuffix = ".max";
    private readonly Dictionary<string, MinMaxNormalizer> _normalizers;

    /// <summary>Wraps named normalizers.</summary>
    public NormalizerSet(IReadOnlyDictionary<string, MinMaxNormalizer> normalizers)
    {
        if (normalizers.Count == 0) throw new ArgumentException("A normalizer set needs at least one feature.");
        _normalizers = new Dictionary<string, MinMaxNormalizer>(normalizers, StringComparer.Ordinal);
    }

    /// <summary>Feature names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _normalizers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The normalizer of a feature; unknown names list the valid ones.</summary>
    public MinMaxNormalizer this[string name] => _normalizers.TryGetValue(name, out var n) ? n
        : throw new KeyNotFoundException($"No normalizer for '{name}'. Valid names: {string.Join(", ", Names)}.");

    /// <summary>Fits every named numeric feature of a frame table over all its frames.</summary>
    public static NormalizerSet Fit(FrameTable table, IEnumerable<string> features) =>
        new(features.ToDictionary(f => f, f => FitFeature(table, f)));

    /// <summary>Normalizes a tensor [..., D] of the named feature.</summary>
    public Tensor Normalize(string name, Tensor x) => this[name].Normalize(x);

    /// <summary>Inverse of <see cref="Normalize"/>.</summary>
    public Tensor Unnormalize(string name, Tensor y) => this[name].Unnormalize(y);

    /// <summary>The statistics as named float64 tensors [D] (caller disposes), for a checkpoint file.</summary>
    public Dictionary<string, Tensor> ToTensors()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, n) in _normalizers)
        {
            result[name + MinSuffix] = tensor(n.Min.ToArray(), dtype: ScalarType.Float64);
            result[name + MaxSuffix] = tensor(n.Max.ToArray(), dtype: ScalarType.Float64);
        }
        return result;
    }

    /// <summary>Rebuilds a set from <see cref="ToTensors"/> output; every feature needs both ".min" and ".max".</summary>
    public static NormalizerSet FromTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var stats = tensors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var names = stats.Keys.Select(StripSuffix).Distinct().ToList();
        var normalizers = new Dictionary<string, MinMaxNormalizer>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var min = Vector(stats, name + MinSuffix);
            var max = Vector(stats, name + MaxSuffix);
            try { normalizers[name] = MinMaxNormalizer.FromStats(min, max); }
            catch (ArgumentException e) { throw new ArgumentException($"Normalizer '{name}': {e.Message}", e); }
        }
        return new NormalizerSet(normalizers);
    }

    /// <summary>Writes the set to a safetensors file (atomically).</summary>
    public void Save(string path)
    {
        var tensors = ToTensors();
        try
        {
            var metadata = new Dictionary<string, string>
            {
                ["format"] = Format,
                ["range_eps"] = MinMaxNormalizer.RangeEps.ToString("R", CultureInfo.InvariantCulture),
            };
            Safetensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Reads a set written by <see cref="Save"/>.</summary>
    public static NormalizerSet Load(string path)
    {
        using var file = Safetensors.Load(path);
        if (file.Metadata.TryGetValue("format", out var format) && format != Format)
            throw new ArgumentException($"'{path}' holds '{format}', not a normalizer set ('{Format}').");
        return FromTensors(file.Tensors);
    }

    private static MinMaxNormalizer FitFeature(FrameTable table, string name)
    {
        try { return MinMaxNormalizer.Fit(table.Values(name), table.Dim(name)); }
        catch (ArgumentException e) { throw new ArgumentException($"Feature '{name}': {e.Message}", e); }
    }

    private static string StripSuffix(string key) =>
        key.EndsWith(MinSuffix, StringComparison.Ordinal) ? key[..^MinSuffix.Length]
        : key.EndsWith(MaxSuffix, StringComparison.Ordinal) ? key[..^MaxSuffix.Length]
        : throw new ArgumentException($"Tensor '{key}' is not a normalizer statistic (expected '<feature>.min' or '<feature>.max').");

    private static double[] Vector(Dictionary<string, Tensor> stats, string key)
    {
        if (!stats.TryGetValue(key, out var t)) throw new ArgumentException($"Normalizer statistic '{key}' is missing.");
        if (t.dim() != 1) throw new ArgumentException($"Normalizer statistic '{key}' must be 1-D, got [{string.Join(", ", t.shape)}].");
        using var scope = NewDisposeScope();
        return t.to_type(ScalarType.Float64).data<double>().ToArray();
    }
}
