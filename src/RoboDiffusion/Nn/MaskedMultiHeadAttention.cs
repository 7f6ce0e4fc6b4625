using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// Multi-head scaled dot-product attention (Vaswani et al. 2017, §3.2.2, eq. 1) on batch-first tokens, with the
/// parameter layout of PyTorch's nn.MultiheadAttention (a 3E×E input projection with bias, split here into query and
/// key/value parts, and an E×E output projection with bias) and its dropout on the attention weights.
/// The optional mask is boolean [Tq, Tk], true where a query may attend a key.
/// </summary>
internal sealed class MaskedMultiHeadAttention : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    private readonly Linear query;
    private readonly Linear keyValue;
    private readonly Linear output;
    private readonly Dropout attnDrop;
    private readonly long heads;

    public MaskedMultiHeadAttention(int width, int heads, double pDrop) : base(nameof(MaskedMultiHeadAttention))
    {
        this.heads = heads;
        query = nn.Linear(width, width);
        keyValue = nn.Linear(width, 2 * width);
        output = nn.Linear(width, width);
        attnDrop = nn.Dropout(pDrop);
        RegisterComponents();
    }

    /// <param name="x">Queries [B, Tq, E].</param>
    /// <param name="context">Keys and values [B, Tk, E] (x itself for self-attention).</param>
    /// <param name="allowed">Boolean [Tq, Tk], true where attention is allowed; null = all.</param>
    public override Tensor forward(Tensor x, Tensor context, Tensor? allowed)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], tq = x.shape[1], tk = context.shape[1], e = x.shape[2], d = e / heads;
        var q = query.forward(x).view(b, tq, heads, d).transpose(1, 2);                 // [B, h, Tq, d]
        var kv = keyValue.forward(context).view(b, tk, 2, heads, d).permute(2, 0, 3, 1, 4); // [2, B, h, Tk, d]
        var scores = q.matmul(kv[0].transpose(-2, -1)) / Math.Sqrt(d);                 // [B, h, Tq, Tk]
        if (allowed is not null) scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        var weights = attnDrop.forward(scores.softmax(-1));
        var y = weights.matmul(kv[1]).transpose(1, 2).reshape(b, tq, e);               // [B, Tq, E]
        return output.forward(y).MoveToOuterDisposeScope();
    }
}
