namespace RoboDiffusion.Cli.Bench;

/// <summary>A U-Net size of the benchmark: the paper's full size or the shipped one (configs/pusht_state_unet.yaml).</summary>
/// <param name="Label">"full" or "shipped", the key prefix shared with the Python JSON.</param>
/// <param name="DownDims">Channels per U-Net level.</param>
/// <param name="StepEmbed">diffusion_step_embed_dim.</param>
internal sealed record BenchSize(string Label, IReadOnlyList<int> DownDims, int StepEmbed)
{
    /// <summary>Chi et al. (RSS 2023) Push-T CNN: down_dims [256, 512, 1024], step embedding 256 (65,783,298 parameters).</summary>
    public static BenchSize Full { get; } = new("full", [256, 512, 1024], 256);

    /// <summary>The names accepted by --sizes.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["full", "shipped"];

    /// <summary>Comma-separated channels, as the CLI and the Python script take them.</summary>
    public string DimsText => string.Join(",", DownDims);
}
