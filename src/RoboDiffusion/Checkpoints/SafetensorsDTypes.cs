using static TorchSharp.torch;

namespace RoboDiffusion.Checkpoints;

/// <summary>Mapping between safetensors dtype strings, byte sizes and TorchSharp scalar types.</summary>
public static class SafetensorsDTypes
{
    private static readonly (SafetensorsDType DType, string Name, ScalarType Scalar, int Size)[] Table =
    [
        (SafetensorsDType.F64, "F64", ScalarType.Float64, 8),
        (SafetensorsDType.F32, "F32", ScalarType.Float32, 4),
        (SafetensorsDType.F16, "F16", ScalarType.Float16, 2),
        (SafetensorsDType.BF16, "BF16", ScalarType.BFloat16, 2),
        (SafetensorsDType.I64, "I64", ScalarType.Int64, 8),
        (SafetensorsDType.I32, "I32", ScalarType.Int32, 4),
        (SafetensorsDType.I16, "I16", ScalarType.Int16, 2),
        (SafetensorsDType.I8, "I8", ScalarType.Int8, 1),
        (SafetensorsDType.U8, "U8", ScalarType.Byte, 1),
        (SafetensorsDType.Bool, "BOOL", ScalarType.Bool, 1),
    ];

    /// <summary>The dtype string written in the header, e.g. "BF16".</summary>
    public static string HeaderName(this SafetensorsDType dtype) => Row(dtype).Name;

    /// <summary>Bytes per element.</summary>
    public static int ByteSize(this SafetensorsDType dtype) => Row(dtype).Size;

    /// <summary>The TorchSharp scalar type with the same bit layout.</summary>
    public static ScalarType ToScalarType(this SafetensorsDType dtype) => Row(dtype).Scalar;

    /// <summary>Parses a header dtype string; null when the format does not know it (or this library does not support it).</summary>
    public static SafetensorsDType? TryParse(string name)
    {
        foreach (var row in Table)
            if (row.Name == name) return row.DType;
        return null;
    }

    /// <summary>The safetensors dtype of a TorchSharp scalar type, or an exception listing the supported ones.</summary>
    public static SafetensorsDType FromScalarType(ScalarType scalar)
    {
        foreach (var row in Table)
            if (row.Scalar == scalar) return row.DType;
        throw new ArgumentException(
            $"Scalar type {scalar} cannot be stored in safetensors here; supported: {string.Join(", ", Table.Select(r => r.Scalar))}.");
    }

    /// <summary>All supported dtype strings, for error messages.</summary>
    public static string SupportedNames => string.Join(", ", Table.Select(r => r.Name));

    private static (SafetensorsDType DType, string Name, ScalarType Scalar, int Size) Row(SafetensorsDType dtype) =>
        Table.First(r => r.DType == dtype);
}
