using YamlDotNet.RepresentationModel;

namespace RoboDiffusion.Cli;

/// <summary>
/// The top-level `method:` key of a training YAML (diffusion_policy, the default, diffuser, diffuser_value, or mpd), read before the strict
/// binder sees the file. The key's line is blanked in the returned text, so line numbers in binder errors stay right and
/// every other unknown key is still an error.
/// </summary>
internal static class TrainMethod
{
    public const string DiffusionPolicy = "diffusion_policy";
    public const string Diffuser = "diffuser";
    public const string DiffuserValue = "diffuser_value";
    public const string Mpd = "mpd";
    private static readonly string[] Names = [DiffusionPolicy, Diffuser, DiffuserValue, Mpd];

    /// <summary>(method, the YAML text without the method line) of <paramref name="path"/>.</summary>
    public static (string Method, string Yaml) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file '{path}' does not exist.", path);
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlDotNet.Core.YamlException e) { throw new InvalidDataException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}", e); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return (DiffusionPolicy, text);
        var entry = root.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "method");
        if (entry.Key is null) return (DiffusionPolicy, text);
        var method = (entry.Value as YamlScalarNode)?.Value?.Trim() ?? "";
        if (!Names.Contains(method))
            throw new InvalidDataException($"{path}:{entry.Key.Start.Line}: unknown method '{method}'. Valid methods: {string.Join(", ", Names)}.");
        if (entry.Key.Start.Line != entry.Value.End.Line)
            throw new InvalidDataException($"{path}:{entry.Key.Start.Line}: write 'method: {method}' on one line.");
        var lines = text.Split('\n');
        lines[entry.Key.Start.Line - 1] = "";                                   // YamlDotNet lines are 1-based
        return (method, string.Join('\n', lines));
    }
}
