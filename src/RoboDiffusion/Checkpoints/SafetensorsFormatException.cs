namespace RoboDiffusion.Checkpoints;

/// <summary>A safetensors file is corrupt, truncated or not safetensors at all; the message names the problem and file.</summary>
public sealed class SafetensorsFormatException(string path, string problem)
    : IOException($"Invalid safetensors file '{path}': {problem}")
{
    /// <summary>The file that failed to parse.</summary>
    public string Path { get; } = path;

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; } = problem;
}
