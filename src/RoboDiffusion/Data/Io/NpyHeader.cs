using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RoboDiffusion.Data.Io;

/// <summary>
/// The .npy header as NumPy's format documentation specifies it (numpy.lib.format, versions 1.0-3.0): the magic
/// "\x93NUMPY", major and minor version bytes, the header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0), then a Python
/// dict literal {'descr', 'fortran_order', 'shape'} padded with spaces and ended by '\n' so that the data starts at a
/// multiple of 64 bytes.
/// </summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, long[] Shape, int DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Align = 64;
    private const int GrowthAxisMaxDigits = 21;   // NumPy leaves room to grow the first axis in place

    public long Count => Shape.Aggregate(1L, (a, b) => checked(a * b));

    public static string Descr(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.UInt8 => "|u1",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown NPY dtype."),
    };

    public static int ItemSize(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 or NpyDType.Int32 => 4,
        NpyDType.Float64 or NpyDType.Int64 => 8,
        NpyDType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown NPY dtype."),
    };

    /// <summary>Header bytes exactly as numpy.save writes them: sorted keys, growth padding, 64-byte alignment.</summary>
    public static byte[] Encode(NpyDType dtype, long[] shape)
    {
        var dims = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0]},)",
            _ => "(" + string.Join(", ", shape) + ")",
        };
        var text = $"{{'descr': '{Descr(dtype)}', 'fortran_order': False, 'shape': {dims}, }}";
        if (shape.Length > 0) text += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length));
        var dict = Encoding.Latin1.GetBytes(text);
        var (prefix, padding) = Layout(dict.Length, 10);
        var v1 = dict.Length + padding + 1 <= ushort.MaxValue;        // NumPy writes 1.0 when the length fits a uint16
        if (!v1) (prefix, padding) = Layout(dict.Length, 12);
        var headerLength = dict.Length + padding + 1;
        var bytes = new byte[prefix + headerLength];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)(v1 ? 1 : 2);
        bytes[7] = 0;
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        dict.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + dict.Length, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Spaces after the dict so that prefix + dict + spaces + '\n' is a multiple of 64: 1…64, as NumPy computes it.</summary>
    private static (int Prefix, int Padding) Layout(int dictLength, int prefix) => (prefix, Align - (prefix + dictLength + 1) % Align);

    /// <summary>Parses and checks the header at the start of <paramref name="file"/>.</summary>
    public static NpyHeader Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length < 10) throw Bad($"the file has {file.Length} bytes, fewer than the 10-byte preamble");
        if (!file[..6].SequenceEqual(Magic)) throw Bad("the magic string \\x93NUMPY is missing (not an .npy file)");
        var major = file[6];
        int prefix, length;
        switch (major)
        {
            case 1: prefix = 10; length = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]); break;
            case 2 or 3:
                if (file.Length < 12) throw Bad("the file ends inside the 4-byte header length");
                prefix = 12;
                var raw = BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
                if (raw > int.MaxValue) throw Bad($"header length {raw} is too large");
                length = (int)raw;
                break;
            default: throw Bad($"format version {major}.{file[7]} is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (file.Length < prefix + length) throw Bad($"truncated header: it declares {length} bytes but only {file.Length - prefix} follow");
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(file.Slice(prefix, length));
        var (descr, fortran, shape) = NpyHeaderParser.Parse(text);
        if (fortran) throw Bad("fortran_order True is not supported; save a C-ordered array (np.ascontiguousarray)");
        return new NpyHeader(ParseDescr(descr), fortran, shape, prefix + length);
    }

    private static NpyDType ParseDescr(string descr) => descr switch
    {
        "<f4" => NpyDType.Float32,
        "<f8" => NpyDType.Float64,
        "<i4" => NpyDType.Int32,
        "<i8" => NpyDType.Int64,
        "|u1" or "<u1" or "u1" => NpyDType.UInt8,
        _ when descr.StartsWith('>') => throw Bad($"big-endian descr '{descr}' is not supported (use little-endian)"),
        _ => throw Bad($"descr '{descr}' is not supported; use one of '<f4', '<f8', '<i4', '<i8', '|u1'"),
    };

    internal static InvalidDataException Bad(string problem) => new($"Malformed .npy data: {problem}.");
}
