namespace RoboDiffusion.Envs;

/// <summary>A Gymnasium-style <c>Box</c>: one closed interval [Low[i], High[i]] per dimension.</summary>
public sealed record BoxSpace(IReadOnlyList<double> Low, IReadOnlyList<double> High)
{
    public int Dimension => Low.Count;

    /// <summary>A box with the same bounds in every one of <paramref name="dimension"/> dimensions.</summary>
    public static BoxSpace Uniform(int dimension, double low, double high) =>
        new(Enumerable.Repeat(low, dimension).ToArray(), Enumerable.Repeat(high, dimension).ToArray());

    /// <summary>Checks the length and that every value is finite, then clips into the box.</summary>
    public double[] Clip(ReadOnlySpan<double> value, string name = "action")
    {
        if (value.Length != Dimension)
            throw new ArgumentException($"The {name} must have {Dimension} values, got {value.Length}.", name);
        var result = new double[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            if (!double.IsFinite(value[i]))
                throw new ArgumentException($"The {name} has a non-finite value {value[i]} at index {i}.", name);
            result[i] = Math.Clamp(value[i], Low[i], High[i]);
        }
        return result;
    }

    public bool Contains(ReadOnlySpan<double> value)
    {
        if (value.Length != Dimension) return false;
        for (var i = 0; i < Dimension; i++)
            if (!(value[i] >= Low[i] && value[i] <= High[i])) return false;
        return true;
    }

    public override string ToString() => $"Box({Dimension}: [{string.Join(", ", Low)}] .. [{string.Join(", ", High)}])";
}
