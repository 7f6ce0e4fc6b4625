namespace RoboDiffusion.Data;

/// <summary>Element types a dataset feature can hold; the names follow LeRobot's info.json dtypes.</summary>
public enum FeatureDType
{
    /// <summary>32-bit floats ("float32"): states, actions, rewards, time stamps.</summary>
    Float32,
    /// <summary>64-bit integers ("int64"): indices.</summary>
    Int64,
    /// <summary>Booleans ("bool"): done and success flags.</summary>
    Bool,
    /// <summary>RGB images ("image"), HxWx3 bytes per frame, stored as PNG in parquet.</summary>
    Image,
}
