namespace RoboDiffusion.Data.Io;

/// <summary>The element types <see cref="NpyFile"/> reads and writes (NumPy descr in parentheses; little-endian, C order).</summary>
public enum NpyDType
{
    /// <summary>float32 ('&lt;f4').</summary>
    Float32,

    /// <summary>float64 ('&lt;f8').</summary>
    Float64,

    /// <summary>int32 ('&lt;i4').</summary>
    Int32,

    /// <summary>int64 ('&lt;i8').</summary>
    Int64,

    /// <summary>uint8 ('|u1').</summary>
    UInt8,
}
