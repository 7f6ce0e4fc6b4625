using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// A transformer encoder layer with pre-normalization, as PyTorch's nn.TransformerEncoderLayer(norm_first=True,
/// activation='gelu', dim_feedforward=4E) that DP-T uses over its memory when n_cond_layers &gt; 0 (no mask):
/// x += Drop(SelfAttn(LN₁x)); x += Drop(W₂ Drop(GELU(W₁ LN₂x))).
/// </summary>
internal sealed class PreNormEncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly MaskedMultiHeadAttention selfAttn;
    private readonly Sequential feedForward;
    private readonly Dropout drop1;
    private readonly Dropout drop2;

    public PreNormEncoderLayer(int width, int heads, double pDrop) : base(nameof(PreNormEncoderLayer))
    {
        norm1 = nn.LayerNorm(width);
        norm2 = nn.LayerNorm(width);
        selfAttn = new MaskedMultiHeadAttention(width, heads, pDrop);
        feedForward = FeedForward(width, pDrop);
        drop1 = nn.Dropout(pDrop);
        drop2 = nn.Dropout(pDrop);
        RegisterComponents();
    }

    /// <summary>The position-wise feed-forward W₂ Drop(GELU(W₁ x)) with hidden width 4E.</summary>
    internal static Sequential FeedForward(int width, double pDrop) => nn.Sequential(
        ("linear1", nn.Linear(width, 4 * width)), ("gelu", nn.GELU()), ("drop", nn.Dropout(pDrop)),
        ("linear2", nn.Linear(4 * width, width)));

    /// <param name="x">Tokens [B, S, E].</param>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = norm1.forward(x);
        x = x + drop1.forward(selfAttn.forward(h, h, null));
        x = x + drop2.forward(feedForward.forward(norm2.forward(x)));
        return x.MoveToOuterDisposeScope();
    }
}
