namespace RoboDiffusion.Checkpoints;

/// <summary>The element types of the safetensors format (huggingface/safetensors, "Format" in its README).</summary>
public enum SafetensorsDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
}
