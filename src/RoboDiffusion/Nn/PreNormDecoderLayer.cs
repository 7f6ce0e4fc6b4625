using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// A transformer decoder layer with pre-normalization (Xiong et al. 2020), as PyTorch's
/// nn.TransformerDecoderLayer(norm_first=True, activation='gelu', dim_feedforward=4E) that DP-T stacks:
/// x += Drop(SelfAttn(LN₁x)); x += Drop(CrossAttn(LN₂x, memory)); x += Drop(W₂ Drop(GELU(W₁ LN₃x))).
/// </summary>
internal sealed class PreNormDecoderLayer : nn.Module<Tensor, Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly LayerNorm norm3;
    private readonly MaskedMultiHeadAttention selfAttn;
    private readonly MaskedMultiHeadAttention crossAttn;
    private readonly Sequential feedForward;
    private readonly Dropout drop1;
    private readonly Dropout drop2;
    private readonly Dropout drop3;

    public PreNormDecoderLayer(int width, int heads, double pDrop) : base(nameof(PreNormDecoderLayer))
    {
        norm1 = nn.LayerNorm(width);
        norm2 = nn.LayerNorm(width);
        norm3 = nn.LayerNorm(width);
        selfAttn = new MaskedMultiHeadAttention(width, heads, pDrop);
        crossAttn = new MaskedMultiHeadAttention(width, heads, pDrop);
        feedForward = PreNormEncoderLayer.FeedForward(width, pDrop);
        drop1 = nn.Dropout(pDrop);
        drop2 = nn.Dropout(pDrop);
        drop3 = nn.Dropout(pDrop);
        RegisterComponents();
    }

    /// <param name="x">Action tokens [B, T, E].</param>
    /// <param name="memory">Condition tokens [B, S, E].</param>
    /// <param name="selfMask">Boolean [T, T], true where allowed; null = all.</param>
    /// <param name="memoryMask">Boolean [T, S], true where allowed; null = all.</param>
    public override Tensor forward(Tensor x, Tensor memory, Tensor? selfMask, Tensor? memoryMask)
    {
        using var scope = NewDisposeScope();
        var h = norm1.forward(x);
        x = x + drop1.forward(selfAttn.forward(h, h, selfMask));
        x = x + drop2.forward(crossAttn.forward(norm2.forward(x), memory, memoryMask));
        x = x + drop3.forward(feedForward.forward(norm3.forward(x)));
        return x.MoveToOuterDisposeScope();
    }
}
