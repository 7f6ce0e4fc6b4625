namespace RoboDiffusion.Data.Zarr;

/// <summary>A little-endian NumPy dtype string of a zarr v2 array: '&lt;f4', '&lt;f8', '&lt;i8', '&lt;i4', '|u1' (also '&lt;u1', '|i1').</summary>
public sealed record ZarrDType(string Text, char Kind, int ItemSize)
{
    /// <summary>Parses the dtype; big-endian and other kinds are a clear error.</summary>
    public static ZarrDType Parse(string text)
    {
        if (text.Length < 3 || text[0] is not ('<' or '|' or '=') || !int.TryParse(text.AsSpan(2), out var size))
            throw new FormatException($"dtype '{text}' is not supported (expected little-endian like '<f4', '<f8', '<i8', '|u1').");
        var kind = text[1];
        var ok = (kind, size) is ('f', 4) or ('f', 8) or ('i', 8) or ('i', 4) or ('u', 1) or ('i', 1);
        if (!ok) throw new FormatException($"dtype '{text}' is not supported; supported: <f4, <f8, <i4, <i8, |u1, |i1.");
        return new ZarrDType(text, kind, size);
    }

    /// <summary>Element <paramref name="i"/> of raw little-endian bytes as a double.</summary>
    public double Read(ReadOnlySpan<byte> bytes, long i)
    {
        var s = bytes.Slice((int)(i * ItemSize), ItemSize);
        return (Kind, ItemSize) switch
        {
            ('f', 4) => BitConverter.ToSingle(s),
            ('f', 8) => BitConverter.ToDouble(s),
            ('i', 8) => BitConverter.ToInt64(s),
            ('i', 4) => BitConverter.ToInt32(s),
            ('i', 1) => (sbyte)s[0],
            _ => s[0],
        };
    }

    /// <summary>The raw little-endian bytes of a fill value in this dtype.</summary>
    public byte[] Encode(double value) => (Kind, ItemSize) switch
    {
        ('f', 4) => BitConverter.GetBytes((float)value),
        ('f', 8) => BitConverter.GetBytes(value),
        ('i', 8) => BitConverter.GetBytes((long)value),
        ('i', 4) => BitConverter.GetBytes((int)value),
        _ => [unchecked((byte)(long)value)],
    };
}
