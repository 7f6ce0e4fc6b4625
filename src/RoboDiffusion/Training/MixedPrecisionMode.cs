namespace RoboDiffusion.Training;

/// <summary>Arithmetic of the training forward pass (YAML <c>training.mixed_precision</c>).</summary>
public enum MixedPrecisionMode
{
    /// <summary>Everything in fp32.</summary>
    Off,

    /// <summary>Convolutions in bf16, the rest in fp32 (<see cref="Nn.MixedPrecision"/>); 2-5× faster convolutions on AVX512-BF16 CPUs.</summary>
    Bf16,
}
