using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Push-T policies by name, for `robodiff eval pusht --policy NAME`. The built-in ones are scripted; learned policies
/// (later issues) are added with <see cref="Add"/> once their checkpoint is loaded, so every policy goes through the
/// same evaluation code.
/// </summary>
internal sealed class PushTPolicyRegistry
{
    private readonly Dictionary<string, PushTPolicyFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The scripted expert (MPC over pushing primitives) and the smooth random walk.</summary>
    public static PushTPolicyRegistry Builtin() => new PushTPolicyRegistry()
        .Add("expert", _ => new PushTExpert())
        .Add("random", seed => new PushTRandomPolicy((int)(seed % int.MaxValue)));

    /// <summary>Registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _factories.Keys];

    /// <summary>Adds (or replaces) a policy.</summary>
    public PushTPolicyRegistry Add(string name, PushTPolicyFactory factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _factories[name] = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>The factory of a policy; unknown names list the valid ones.</summary>
    public PushTPolicyFactory Resolve(string name) => _factories.TryGetValue(name, out var f) ? f
        : throw new ArgumentException($"Unknown policy '{name}'. Valid policies: {string.Join(", ", Names)}.");
}
