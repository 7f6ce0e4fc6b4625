using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RoboDiffusion.Diffusion.Schedules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RoboDiffusion.Configuration;

/// <summary>
/// Binds YAML experiment files to config records and writes records back as YAML. Keys are the snake_case names of the
/// record properties (the same names as checkpoint JSON); a key the record lacks, a value of the wrong type or an
/// unknown enum name is an error naming the file, line and key path. Keys left out keep the record's defaults.
/// </summary>
public static class YamlConfig
{
    /// <summary>Reads <paramref name="path"/> into a <typeparamref name="T"/>.</summary>
    public static T Load<T>(string path) where T : new()
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file '{path}' does not exist.", path);
        return Parse<T>(File.ReadAllText(path), path);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static T Parse<T>(string yaml, string source = "<yaml>") where T : new()
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new InvalidDataException($"{source}:{e.Start.Line}: not valid YAML: {e.Message}", e); }
        if (stream.Documents.Count == 0) return new T();
        return (T?)Bind(stream.Documents[0].RootNode, typeof(T), new Context(source, "")) ?? new T();
    }

    /// <summary>The snake_case key of a property ("DownDims" → "down_dims").</summary>
    public static string Key(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    /// <summary>A record as YAML (settable properties only, in declaration order), readable by <see cref="Parse{T}"/>.</summary>
    public static string Serialize(object value)
    {
        var sb = new StringBuilder();
        WriteMapping(sb, value, 0);
        return sb.ToString();
    }

    private sealed record Context(string Source, string Path)
    {
        public Context Child(string key) => this with { Path = Path.Length == 0 ? key : $"{Path}.{key}" };
        public InvalidDataException Error(YamlNode node, string message) =>
            new($"{Source}:{node.Start.Line}: {(Path.Length == 0 ? "" : $"'{Path}': ")}{message}");
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true);

    private static object? Bind(YamlNode node, Type type, Context ctx)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return IsNull(node) ? null : Bind(node, inner, ctx);
        if (ListElement(type) is { } element) return BindList(node, type, element, ctx);
        if (IsScalarType(type)) return BindScalar(node, type, ctx);
        if (IsNull(node) && !type.IsValueType) return null;
        return BindRecord(node, type, ctx);
    }

    private static object BindRecord(YamlNode node, Type type, Context ctx)
    {
        if (node is not YamlMappingNode map) throw ctx.Error(node, $"expected a mapping of {type.Name} keys.");
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a parameterless constructor to be read from YAML.");
        var properties = Settable(type).ToDictionary(p => Key(p.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((keyNode as YamlScalarNode)?.Value ?? "").Trim();
            if (!properties.TryGetValue(key, out var property))
                throw ctx.Error(keyNode, $"unknown key '{key}' for {type.Name}. Valid keys: {string.Join(", ", properties.Keys)}.");
            if (!seen.Add(key)) throw ctx.Error(keyNode, $"key '{key}' appears twice.");
            property.SetValue(instance, Bind(valueNode, property.PropertyType, ctx.Child(key)));
        }
        return instance;
    }

    private static object BindList(YamlNode node, Type listType, Type element, Context ctx)
    {
        if (node is not YamlSequenceNode seq) throw ctx.Error(node, "expected a list, e.g. [1, 2, 3].");
        var array = Array.CreateInstance(element, seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++) array.SetValue(Bind(seq.Children[i], element, ctx.Child($"[{i}]")), i);
        if (listType.IsArray) return array;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in array) list.Add(item);
        return list;
    }

    private static object BindScalar(YamlNode node, Type type, Context ctx)
    {
        if (node is not YamlScalarNode { Value: { } text }) throw ctx.Error(node, $"expected a single {Describe(type)} value.");
        var inv = CultureInfo.InvariantCulture;
        try
        {
            if (type == typeof(string)) return text;
            if (type.IsEnum) return ParseEnum(type, text);
            if (type == typeof(bool)) return bool.Parse(text);
            if (type == typeof(int)) return int.Parse(text, NumberStyles.Integer, inv);
            if (type == typeof(long)) return long.Parse(text.Replace("_", ""), NumberStyles.Integer, inv);
            var d = double.Parse(text, NumberStyles.Float, inv);
            if (!double.IsFinite(d)) throw new FormatException("not finite");
            return d;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw ctx.Error(node, $"'{text}' is not a valid {Describe(type)}.");
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw ctx.Error(node, inner.Message);
        }
    }

    private static object ParseEnum(Type type, string text) =>
        typeof(OptionNames).GetMethod(nameof(OptionNames.Parse))!.MakeGenericMethod(type).Invoke(null, [text])!;

    private static string Describe(Type type) => type.IsEnum
        ? $"{type.Name} ({string.Join(", ", Enum.GetNames(type).Select(OptionName))})"
        : type == typeof(double) ? "number" : type.Name.ToLowerInvariant();

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } s
        && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private static bool IsScalarType(Type t) =>
        t == typeof(string) || t.IsEnum || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double);

    private static Type? ListElement(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (!t.IsGenericType) return null;
        var def = t.GetGenericTypeDefinition();
        return def == typeof(IReadOnlyList<>) || def == typeof(List<>) || def == typeof(IList<>) || def == typeof(IEnumerable<>)
            ? t.GetGenericArguments()[0] : null;
    }

    private static string OptionName(string enumMember) => Key(enumMember);

    private static void WriteMapping(StringBuilder sb, object value, int indent)
    {
        foreach (var p in Settable(value.GetType()))
        {
            var v = p.GetValue(value);
            sb.Append(' ', indent).Append(Key(p.Name)).Append(':');
            if (v is not null && !IsScalarType(v.GetType()) && ListElement(p.PropertyType) is null)
            {
                sb.AppendLine();
                WriteMapping(sb, v, indent + 2);
            }
            else sb.Append(' ').AppendLine(FormatValue(v));
        }
    }

    private static string FormatValue(object? v) => v switch
    {
        null => "null",
        string s => s.Length == 0 || s.IndexOfAny([':', '#', '[', ']', '{', '}', ',', '\'', '"']) >= 0 || s.Trim() != s
            ? $"'{s.Replace("'", "''")}'" : s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Enum e => Key(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(FormatValue))}]",
        _ => v.ToString() ?? "null",
    };
}
