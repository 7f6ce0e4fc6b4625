namespace RoboDiffusion.Data;

/// <summary>
/// One named feature of a dataset frame, as LeRobot's info.json describes it ({"dtype", "shape", "names"}).
/// Shape [1] means a scalar per frame; images have shape [H, W, 3].
/// </summary>
/// <param name="Name">Feature key, e.g. "observation.state".</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Per-frame shape; every entry positive.</param>
/// <param name="Names">Optional axis/element names (LeRobot writes null, a list, or {"motors": [...]}).</param>
public sealed record FeatureSpec(string Name, FeatureDType DType, IReadOnlyList<int> Shape, IReadOnlyList<string>? Names = null)
{
    /// <summary>Number of values per frame (product of the shape).</summary>
    public int Size => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>True for shape [1]: stored as a plain parquet scalar column, not a list.</summary>
    public bool IsScalar => Shape.Count == 1 && Shape[0] == 1;

    /// <summary>Checks the name, the shape, and the image layout; returns this record.</summary>
    public FeatureSpec Validated()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("Feature name must not be empty.");
        if (Shape.Count == 0 || Shape.Any(d => d <= 0))
            throw new ArgumentException($"Feature '{Name}' has shape [{string.Join(", ", Shape)}]; every dimension must be positive.");
        if (DType == FeatureDType.Image && (Shape.Count != 3 || Shape[2] != 3))
            throw new ArgumentException($"Image feature '{Name}' must have shape [H, W, 3], got [{string.Join(", ", Shape)}].");
        if (DType != FeatureDType.Image && Shape.Count != 1)
            throw new ArgumentException($"Feature '{Name}' must be 1-D (got [{string.Join(", ", Shape)}]); only images are 3-D.");
        return this;
    }

    /// <summary>A float32 vector feature.</summary>
    public static FeatureSpec Floats(string name, int dim, IReadOnlyList<string>? names = null) => new(name, FeatureDType.Float32, [dim], names);

    /// <summary>A boolean scalar feature.</summary>
    public static FeatureSpec Flag(string name) => new(name, FeatureDType.Bool, [1]);

    /// <summary>An RGB image feature of the given size.</summary>
    public static FeatureSpec Rgb(string name, int height, int width) => new(name, FeatureDType.Image, [height, width, 3], ["height", "width", "channel"]);
}
