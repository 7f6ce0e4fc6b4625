using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Reads the JSON files embedded from src/RoboDiffusion.Cli/Data. Deserialization is strict (unknown keys, missing
/// required fields and nulls in non-nullable fields are errors), so a schema drift fails loudly in the tests.
/// </summary>
internal static class EmbeddedData
{
    public const string PapersResource = "RoboDiffusion.Cli.Data.papers.json";
    public const string MethodsResource = "RoboDiffusion.Cli.Data.implemented.json";
    public const string AliasesResource = "RoboDiffusion.Cli.Data.aliases.json";

    /// <summary>snake_case names and enums, as in the data files.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The raw text of an embedded resource.</summary>
    public static string ReadText(string resource)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing; check the EmbeddedResource items of RoboDiffusion.Cli.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Deserializes an embedded resource (or <paramref name="json"/> when given, for tests).</summary>
    public static T Read<T>(string resource, string? json = null) =>
        JsonSerializer.Deserialize<T>(json ?? ReadText(resource), Options)
        ?? throw new InvalidDataException($"'{resource}' holds JSON null.");
}
