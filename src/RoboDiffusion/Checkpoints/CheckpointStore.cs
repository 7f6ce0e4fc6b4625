using RoboDiffusion.Data.Io;
using System.Globalization;

namespace RoboDiffusion.Checkpoints;

/// <summary>
/// A folder of checkpoints, one sub-directory per step (<c>step-00000500/</c>), each written whole under a temporary
/// name and renamed into place, so <see cref="Latest"/> never sees a partial one.
/// </summary>
public sealed class CheckpointStore(string root)
{
    /// <summary>File names inside a checkpoint directory.</summary>
    public const string ModelFile = "model.safetensors";
    public const string EmaFile = "ema.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string ConfigFile = "config.json";
    public const string TrainerStateFile = "trainer_state.json";

    private const string Prefix = "step-";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The directory of the checkpoint at <paramref name="step"/> (it may not exist).</summary>
    public string PathFor(long step) => Path.Combine(Root, $"{Prefix}{step.ToString("D8", CultureInfo.InvariantCulture)}");

    /// <summary>Writes a checkpoint: <paramref name="fill"/> writes the files into a temporary directory, renamed at the end.</summary>
    public string Save(long step, Action<string> fill) => AtomicFile.WriteDirectory(PathFor(step), fill);

    /// <summary>Completed checkpoints, oldest first.</summary>
    public IReadOnlyList<(long Step, string Path)> List()
    {
        if (!Directory.Exists(Root)) return [];
        var found = new List<(long Step, string Path)>();
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                found.Add((step, dir));
        }
        return [.. found.OrderBy(f => f.Step)];
    }

    /// <summary>The newest checkpoint directory, or null when there is none.</summary>
    public string? Latest() => List() is { Count: > 0 } all ? all[^1].Path : null;

    /// <summary>Deletes all but the <paramref name="keep"/> newest checkpoints (0 keeps all).</summary>
    public void Prune(int keep)
    {
        if (keep <= 0) return;
        var all = List();
        for (var i = 0; i < all.Count - keep; i++) Directory.Delete(all[i].Path, recursive: true);
    }
}
