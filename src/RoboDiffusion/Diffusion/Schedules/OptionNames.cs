using System.Text;

namespace RoboDiffusion.Diffusion.Schedules;

/// <summary>
/// Parses option enums from the snake_case names diffusers and config files use ("scaled_linear", "v_prediction",
/// "min_snr"); the PascalCase member name and hyphens are accepted too, case-insensitively.
/// </summary>
public static class OptionNames
{
    /// <summary>The snake_case name of an enum member: <c>SquaredcosCapV2</c> → "squaredcos_cap_v2", <c>VPrediction</c> → "v_prediction".</summary>
    public static string Name<T>(T value) where T : struct, Enum => ToSnakeCase(value.ToString());

    /// <summary>All valid snake_case names of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    /// <summary>Parses a name; an unknown or empty one throws an <see cref="ArgumentException"/> listing the valid names.</summary>
    public static T Parse<T>(string? name) where T : struct, Enum
    {
        var key = Normalize(name ?? "");
        foreach (var value in Enum.GetValues<T>())
            if (Normalize(Name(value)) == key) return value;
        throw new ArgumentException(
            $"Unknown {Describe(typeof(T).Name)} '{name}'. Valid names: {string.Join(", ", All<T>())}.", nameof(name));
    }

    private static string Normalize(string s) => s.Trim().Replace("-", "").Replace("_", "").ToLowerInvariant();

    /// <summary>"BetaSchedule" → "beta schedule", for error messages.</summary>
    private static string Describe(string typeName) => ToSnakeCase(typeName).Replace('_', ' ');

    private static string ToSnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = char.IsUpper(c) && i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])
                || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1])));
            if (startsWord) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
