using System.Globalization;
using System.Text;

namespace RoboDiffusion.Cli.Papers;

/// <summary>
/// Folds text for matching: lower case, accents removed, every run of non-alphanumerics a single space.
/// "Classifier-Free Diffusion Guidance" becomes the tokens classifier, free, diffusion, guidance.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Words that carry no meaning in a title; they neither form acronyms nor weigh in ranking.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "through", "to", "via", "with",
    };

    /// <summary>Lower-case tokens of <paramref name="text"/>, joined by single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Tokens(text));

    /// <summary>Lower-case alphanumeric tokens of <paramref name="text"/>.</summary>
    public static string[] Tokens(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;   // é → e
            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The tokens without spaces: "DPM-Solver++" and "dpm solver" both give "dpmsolver".</summary>
    public static string Compact(string text) => string.Concat(Tokens(text));

    /// <summary>First letters of the non-stop-word tokens: "Denoising diffusion probabilistic models" → "ddpm".</summary>
    public static string Acronym(IEnumerable<string> tokens) =>
        string.Concat(tokens.Where(t => !StopWords.Contains(t)).Select(t => t[0]));

    /// <summary>A light English stem, enough to equate policy/policies and model/models.</summary>
    public static string Stem(string token) =>
        token.Length > 4 && token.EndsWith("ies", StringComparison.Ordinal) ? token[..^3] + "y"
        : token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal) ? token[..^1]
        : token;
}
