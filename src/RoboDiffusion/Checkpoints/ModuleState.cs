using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Checkpoints;

/// <summary>Saves a module's state_dict (parameters and buffers) to safetensors and loads it back strictly.</summary>
public static class ModuleState
{
    /// <summary>Saves every parameter and buffer of <paramref name="module"/> atomically.</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Save(path, module.state_dict(), metadata);

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into <paramref name="module"/> after checking that names, shapes and
    /// dtypes match exactly; otherwise throws <see cref="StateDictMismatchException"/> and leaves the module untouched.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(nn.Module module, string path)
    {
        using var file = Safetensors.Load(path);
        CopyInto(module.state_dict(), file.Tensors, path);
        return file.Metadata;
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the same-named <paramref name="target"/> tensors in place, after checking that
    /// both have the same names, shapes and dtypes; <paramref name="sourceName"/> labels the error.
    /// </summary>
    public static void CopyInto(IReadOnlyDictionary<string, Tensor> target, IReadOnlyDictionary<string, Tensor> source,
        string sourceName)
    {
        Validate(target, source, sourceName);
        using var noGrad = no_grad();
        foreach (var (name, t) in target) t.copy_(source[name]);
    }

    /// <summary>Throws <see cref="StateDictMismatchException"/> naming every difference between the two maps.</summary>
    public static void Validate(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual,
        string sourceName)
    {
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        var unexpected = actual.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var wrongShape = new List<string>();
        var wrongDType = new List<string>();
        foreach (var (name, want) in expected)
        {
            if (!actual.TryGetValue(name, out var got)) continue;
            if (!got.shape.SequenceEqual(want.shape))
                wrongShape.Add($"{name}: file [{string.Join(", ", got.shape)}] vs module [{string.Join(", ", want.shape)}]");
            if (got.dtype != want.dtype) wrongDType.Add($"{name}: file {got.dtype} vs module {want.dtype}");
        }
        if (missing.Count + unexpected.Count + wrongShape.Count + wrongDType.Count > 0)
            throw new StateDictMismatchException(sourceName, missing, unexpected, wrongShape, wrongDType);
    }
}
