namespace RoboDiffusion.Checkpoints;

/// <summary>
/// One tensor's header record: dtype, shape and its byte range [Begin, End) relative to the start of the data section.
/// </summary>
public sealed record SafetensorsEntry(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements (1 for a scalar, shape []).</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => checked(n * d));

    /// <summary>Bytes the shape and dtype require.</summary>
    public long ExpectedBytes => checked(ElementCount * DType.ByteSize());
}
