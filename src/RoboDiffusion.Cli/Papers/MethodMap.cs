namespace RoboDiffusion.Cli.Papers;

/// <summary>The root of implemented.json: methods RoboDiffusion implements or plans, and its coverage of reference code.</summary>
internal sealed record MethodMap(string About, IReadOnlyList<ImplementedMethod> Methods, IReadOnlyList<ImplementationCoverage> Implementations)
{
    /// <summary>The method called <paramref name="name"/> (or an alias of it), or null.</summary>
    public ImplementedMethod? Find(string name) => Methods.FirstOrDefault(m => m.IsNamed(name));
}
