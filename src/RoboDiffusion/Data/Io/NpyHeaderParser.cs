using System.Globalization;
using System.Text;

namespace RoboDiffusion.Data.Io;

/// <summary>
/// Reads the Python dict literal of an .npy header: keys 'descr' (a string), 'fortran_order' (True/False) and 'shape'
/// (a tuple of ints), in any order, with optional trailing commas and trailing space/newline padding.
/// </summary>
internal ref struct NpyHeaderParser(string text)
{
    private int _pos;

    public static (string Descr, bool FortranOrder, long[] Shape) Parse(string text)
    {
        var p = new NpyHeaderParser(text);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        p.Expect('{');
        while (!p.TryConsume('}'))
        {
            var key = p.ReadString();
            p.Expect(':');
            switch (key)
            {
                case "descr": descr = p.ReadString(); break;
                case "fortran_order": fortran = p.ReadBool(); break;
                case "shape": shape = p.ReadShape(); break;
                default: throw NpyHeader.Bad($"unexpected header key '{key}' (expected 'descr', 'fortran_order', 'shape')");
            }
            if (!p.TryConsume(',')) { p.Expect('}'); break; }
        }
        p.SkipSpace();
        if (p._pos != text.Length) throw NpyHeader.Bad($"unexpected text after the header dict at offset {p._pos}");
        if (descr is null || fortran is null || shape is null)
            throw NpyHeader.Bad("the header dict lacks " + string.Join(", ",
                new[] { ("'descr'", descr is null), ("'fortran_order'", fortran is null), ("'shape'", shape is null) }
                    .Where(k => k.Item2).Select(k => k.Item1)));
        return (descr, fortran.Value, shape);
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && text[_pos] is ' ' or '\n' or '\r' or '\t') _pos++;
    }

    private bool TryConsume(char c)
    {
        SkipSpace();
        if (_pos < text.Length && text[_pos] == c) { _pos++; return true; }
        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
            throw NpyHeader.Bad($"expected '{c}' at offset {_pos} of the header, found " +
                (_pos < text.Length ? $"'{text[_pos]}'" : "the end"));
    }

    private string ReadString()
    {
        SkipSpace();
        if (_pos >= text.Length || text[_pos] is not ('\'' or '"')) throw NpyHeader.Bad($"expected a quoted string at offset {_pos} of the header");
        var quote = text[_pos++];
        var end = text.IndexOf(quote, _pos);
        if (end < 0) throw NpyHeader.Bad("unterminated string in the header");
        var s = text[_pos..end];
        _pos = end + 1;
        return s;
    }

    private bool ReadBool()
    {
        SkipSpace();
        foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) == 0) { _pos += word.Length; return value; }
        throw NpyHeader.Bad($"fortran_order must be True or False (offset {_pos})");
    }

    private long[] ReadShape()
    {
        Expect('(');
        var dims = new List<long>();
        while (!TryConsume(')'))
        {
            dims.Add(ReadDim());
            if (!TryConsume(',')) { Expect(')'); break; }
        }
        return [.. dims];
    }

    private long ReadDim()
    {
        SkipSpace();
        var digits = new StringBuilder();
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) digits.Append(text[_pos++]);
        if (_pos < text.Length && text[_pos] == 'L') _pos++;   // Python 2 long suffix
        if (digits.Length == 0 || !long.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            throw NpyHeader.Bad($"shape entries must be non-negative integers (offset {_pos})");
        return d;
    }
}
