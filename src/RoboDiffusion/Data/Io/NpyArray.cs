using static TorchSharp.torch;

namespace RoboDiffusion.Data.Io;

/// <summary>An array read from an .npy file: its shape, element type and flat C-ordered data (a float[], double[], int[], long[] or byte[]).</summary>
public sealed class NpyArray
{
    internal NpyArray(long[] shape, NpyDType dtype, Array data)
    {
        Shape = shape;
        DType = dtype;
        Data = data;
    }

    /// <summary>The shape; empty for a 0-d array (one element).</summary>
    public long[] Shape { get; }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>The flat data in C order, typed after <see cref="DType"/>.</summary>
    public Array Data { get; }

    /// <summary>The number of elements.</summary>
    public long Count => Data.LongLength;

    /// <summary>The data as <typeparamref name="T"/>[]; throws if the file holds another type.</summary>
    public T[] Get<T>() => Data as T[] ?? throw new InvalidOperationException(
        $"The array holds {DType} ({NpyHeader.Descr(DType)}), not {typeof(T).Name}; use ToDoubleArray() to convert.");

    /// <summary>The data converted to double (exact for every supported type except int64 beyond 2^53).</summary>
    public double[] ToDoubleArray() => Data switch
    {
        double[] d => (double[])d.Clone(),
        float[] f => Array.ConvertAll(f, v => (double)v),
        int[] i => Array.ConvertAll(i, v => (double)v),
        long[] l => Array.ConvertAll(l, v => (double)v),
        byte[] b => Array.ConvertAll(b, v => (double)v),
        _ => throw new InvalidOperationException($"Unexpected data type {Data.GetType().Name}."),
    };

    /// <summary>A CPU tensor with this shape and the matching dtype (float32, float64, int32, int64, uint8).</summary>
    public Tensor ToTensor() => Data switch
    {
        float[] f => tensor(f, Shape),
        double[] d => tensor(d, Shape),
        int[] i => tensor(i, Shape),
        long[] l => tensor(l, Shape),
        byte[] b => tensor(b, Shape),
        _ => throw new InvalidOperationException($"Unexpected data type {Data.GetType().Name}."),
    };
}
