using RoboDiffusion.Diffusion;
using RoboDiffusion.Nn;
using RoboDiffusion.Nn.Vision;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>
/// The trainable part of a Diffusion Policy, one state dict: the denoising network, a <see cref="ConditionalUnet1D"/>
/// (observations as a flat FiLM condition) or a <see cref="TransformerForDiffusion"/> (one memory token per
/// observation step), and for the image variant the <see cref="ImageEncoder"/>, trained end to end with the network
/// (Chi et al., RSS 2023, §III-C). Both networks take the condition flattened to [B, To·F].
/// </summary>
public sealed class DiffusionPolicyModel : nn.Module
{
    private readonly nn.Module<Tensor, Tensor, Tensor?, Tensor> network;
    private readonly ImageEncoder? encoder;

    /// <param name="config">A resolved config (<see cref="DiffusionPolicyConfig.Resolved"/>).</param>
    /// <param name="generator">Initial weights of the transformer; the U-Net draws from torch's global generator.</param>
    public DiffusionPolicyModel(DiffusionPolicyConfig config, Generator? generator = null) : base(nameof(DiffusionPolicyModel))
    {
        network = config.Network switch
        {
            PolicyNetwork.Unet => new ConditionalUnet1D(config.Unet),
            PolicyNetwork.Transformer => new TransformerForDiffusion(config.Transformer, generator),
            _ => throw new ArgumentException($"Unknown network {config.Network}."),
        };
        if (config.ImageKey is not null) encoder = new ImageEncoder(config.Image, generator);
        RegisterComponents();
    }

    /// <summary>
    /// Image features per observation step: frames [B, To, H, W, 3] bytes (the dataset layout) → [B, To, FeatureDim].
    /// In training mode each frame gets a random crop from <paramref name="generator"/>; in eval mode the centre crop.
    /// </summary>
    public Tensor EncodeImages(Tensor frames, Generator? generator)
    {
        var e = encoder ?? throw new InvalidOperationException("This policy has no image encoder (ImageKey is null).");
        if (frames.dim() != 5 || frames.shape[4] != 3)
            throw new ArgumentException($"Image observations must be [B, T, H, W, 3], got [{string.Join(", ", frames.shape)}].");
        var (b, t) = (frames.shape[0], frames.shape[1]);
        var chw = frames.permute(0, 1, 4, 2, 3).reshape(b * t, 3, frames.shape[2], frames.shape[3]);   // [B·T, 3, H, W]
        return e.Encode(chw, generator).reshape(b, t, -1);                                          // [B, T, FeatureDim]
    }

    /// <summary>The network as the parameterizations call it: (x_in [B, Tp, Da], timestep [B], condition [B, To·F]).</summary>
    public NetworkFn Network => (input, noiseLevel, cond) => network.forward(input, noiseLevel, cond);

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());
}
