using static TorchSharp.torch;

namespace RoboDiffusion.Checkpoints;

/// <summary>The tensors of a loaded safetensors file, in data order, plus its metadata. Disposing frees the tensors.</summary>
public sealed class SafetensorsFile : IDisposable
{
    private readonly Dictionary<string, Tensor> _byName;

    internal SafetensorsFile(IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Names = [.. tensors.Select(t => t.Key)];
        _byName = tensors.ToDictionary(t => t.Key, t => t.Value);
        Metadata = metadata;
    }

    /// <summary>Tensor names in the order their bytes appear in the file.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The "__metadata__" map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>All tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => _byName;

    /// <summary>The tensor called <paramref name="name"/>, or an exception listing the names the file has.</summary>
    public Tensor this[string name] => _byName.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"No tensor '{name}' in the file; it has: {string.Join(", ", Names)}.");

    public void Dispose()
    {
        foreach (var t in _byName.Values) t.Dispose();
    }
}
