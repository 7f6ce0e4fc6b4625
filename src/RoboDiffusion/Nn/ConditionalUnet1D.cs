using RoboDiffusion.Diffusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Nn;

/// <summary>
/// The 1-D temporal UNet of Diffusion Policy's CNN variant (Chi et al., RSS 2023, §III-B and Fig. 2; after Janner et
/// al. 2022, Diffuser). It denoises an action sequence [B, T, Da], convolving over time with actions as channels. The
/// FiLM condition of every residual block is [step embedding, flattened observation features], where the step
/// embedding is Linear(4d → d)(Mish(Linear(d → 4d)(sinusoidal(t)))).
/// <para>Down path: per level two <see cref="ConditionalResidualBlock1D"/>s, a skip, then Conv1d(3, stride 2, pad 1)
/// except at the deepest level; two mid blocks; up path: concatenate the skip on channels, two blocks, then
/// ConvTranspose1d(4, stride 2, pad 1) (one per halving); a final <see cref="Conv1dBlock"/> and a 1×1 conv to Da.</para>
/// <para>Inference (autograd off) computes Mish(condition) once for all blocks and runs libtorch's fused Mish in place
/// (<see cref="InferenceMish"/>); at batch 1 it also uses matrix-product convolutions (<see cref="ConvForward"/>) and
/// one intra-op thread except for large products (<see cref="IntraOpThreads"/>). Same numbers up to float rounding.</para>
/// </summary>
public sealed class ConditionalUnet1D : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    /// <summary>
    /// Whether a batch-1 inference forward runs on one intra-op thread: yes when even the deepest level's convolutions
    /// are below <see cref="IntraOpThreads.ParallelWeightNumel"/> weights (the shipped [64, 128, 256] net), where thread
    /// wake-ups cost more than they split; larger nets keep the caller's threads (measured on an idle 2-core machine:
    /// [256, 512, 1024] at batch 1 was slower serial with per-product exceptions than with both threads throughout).
    /// </summary>
    private readonly bool serialAtBatchOne;

    private readonly Sequential stepEncoder;
    private readonly ModuleList<ConditionalResidualBlock1D> downBlocks;      // two per level
    private readonly ModuleList<nn.Module<Tensor, Tensor>> downsamplers;     // one per level, identity at the deepest
    private readonly ModuleList<ConditionalResidualBlock1D> midBlocks;
    private readonly ModuleList<ConditionalResidualBlock1D> upBlocks;        // two per level above the deepest
    private readonly ModuleList<nn.Module<Tensor, Tensor>> upsamplers;
    private readonly Conv1dBlock finalBlock;
    private readonly Conv1d finalConv;

    public ConditionalUnet1DConfig Config { get; }

    public ConditionalUnet1D(ConditionalUnet1DConfig config) : base(nameof(ConditionalUnet1D))
    {
        Config = config.Validated();
        var c = Config;
        var dsed = c.DiffusionStepEmbedDim;
        stepEncoder = nn.Sequential(
            ("pos", new SinusoidalPosEmb(dsed)), ("fc1", nn.Linear(dsed, 4 * dsed)), ("act", nn.Mish()), ("fc2", nn.Linear(4 * dsed, dsed)));
        int[] dims = [c.InputDim, .. c.DownDims];
        var levels = c.DownDims.Count;

        downBlocks = nn.ModuleList<ConditionalResidualBlock1D>();
        downsamplers = nn.ModuleList<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < levels; i++)
        {
            downBlocks.Add(Block(dims[i], dims[i + 1]));
            downBlocks.Add(Block(dims[i + 1], dims[i + 1]));
            downsamplers.Add(i < levels - 1 ? nn.Conv1d(dims[i + 1], dims[i + 1], 3, stride: 2, padding: 1) : nn.Identity());
        }
        midBlocks = nn.ModuleList(Block(dims[^1], dims[^1]), Block(dims[^1], dims[^1]));

        upBlocks = nn.ModuleList<ConditionalResidualBlock1D>();
        upsamplers = nn.ModuleList<nn.Module<Tensor, Tensor>>();
        for (var i = levels - 1; i >= 1; i--)   // level i's output joins level i's skip, then returns to level i−1's width
        {
            upBlocks.Add(Block(2 * dims[i + 1], dims[i]));
            upBlocks.Add(Block(dims[i], dims[i]));
            upsamplers.Add(nn.ConvTranspose1d(dims[i], dims[i], 4, stride: 2, padding: 1));
        }
        finalBlock = new Conv1dBlock(c.DownDims[0], c.DownDims[0], c.KernelSize, c.NGroups);
        finalConv = nn.Conv1d(c.DownDims[0], c.InputDim, 1);
        serialAtBatchOne = (long)c.DownDims[^1] * c.DownDims[^1] * c.KernelSize < IntraOpThreads.ParallelWeightNumel;
        RegisterComponents();
    }

    /// <param name="input">Noisy action sequence [B, T, InputDim]; T a multiple of Config.HorizonMultiple.</param>
    /// <param name="noiseLevel">Diffusion timestep per sample (may be fractional), [B].</param>
    /// <param name="cond">Flattened observation features [B, GlobalCondDim]; required iff GlobalCondDim &gt; 0.</param>
    /// <returns>[B, T, InputDim]; its meaning (ε, x₀, v) is the parameterization's.</returns>
    public override Tensor forward(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        CheckShapes(input, noiseLevel, cond);
        using var threads = input.shape[0] == 1 && !is_grad_enabled() && serialAtBatchOne ? IntraOpThreads.Serial() : default;
        using var scope = NewDisposeScope();
        var globalCond = EncodeStep(noiseLevel.to(input.dtype));                                  // [B, dsed]
        if (cond is not null) globalCond = cat([globalCond, cond.to(input.dtype)], 1);             // [B, dsed + G]
        var c = downBlocks[0].CondFeatures(globalCond);                                            // Mish(cond), shared by all blocks

        var x = input.transpose(1, 2);                                                             // [B, Da, T]
        var skips = new Stack<Tensor>();
        for (var i = 0; i < downsamplers.Count; i++)
        {
            x = downBlocks[2 * i + 1].ForwardActivated(downBlocks[2 * i].ForwardActivated(x, c), c); // [B, C_i, T/2^i]
            skips.Push(x);
            x = downsamplers[i] is Conv1d down ? ConvForward.Conv1d(down, x, padding: 1, stride: 2) : x;
        }
        foreach (var mid in midBlocks) x = mid.ForwardActivated(x, c);                            // [B, C_last, T/2^(L−1)]
        for (var i = 0; i < upsamplers.Count; i++)
        {
            x = cat([x, skips.Pop()], 1);                                                          // [B, 2·C, T']
            x = upBlocks[2 * i + 1].ForwardActivated(upBlocks[2 * i].ForwardActivated(x, c), c);
            x = ConvForward.ConvTranspose1d((ConvTranspose1d)upsamplers[i], x, padding: 1, stride: 2); // [B, C_{i−1}, 2·T']
        }
        x = finalConv.forward(finalBlock.forward(x));                                              // [B, Da, T]
        return x.transpose(1, 2).contiguous().MoveToOuterDisposeScope();                           // [B, T, Da]
    }

    /// <summary>The step encoder, sinusoidal → Linear → Mish → Linear, with the inference Mish on its temporaries.</summary>
    private Tensor EncodeStep(Tensor noiseLevel)
    {
        var h = noiseLevel;
        foreach (var layer in stepEncoder.children())
            h = layer is Mish mish ? InferenceMish.OfTemporary(mish, h) : ((nn.Module<Tensor, Tensor>)layer).forward(h);
        return h;                                                                                  // [B, dsed]
    }

    /// <summary>This module as the <see cref="NetworkFn"/> the parameterizations call.</summary>
    public NetworkFn AsNetworkFn() => (input, noiseLevel, cond) => forward(input, noiseLevel, cond);

    private ConditionalResidualBlock1D Block(int inChannels, int outChannels) =>
        new(inChannels, outChannels, Config.CondDim, Config.KernelSize, Config.NGroups, Config.CondPredictScale);

    private void CheckShapes(Tensor input, Tensor noiseLevel, Tensor? cond)
    {
        var c = Config;
        if (input.dim() != 3 || input.shape[2] != c.InputDim)
            throw new ArgumentException($"Expected input [B, T, {c.InputDim}], got [{string.Join(", ", input.shape)}].");
        c.ValidateHorizon(input.shape[1]);
        var b = input.shape[0];
        if (noiseLevel.dim() != 1 || noiseLevel.shape[0] != b)
            throw new ArgumentException($"Expected noise level [{b}], got [{string.Join(", ", noiseLevel.shape)}].");
        if (c.GlobalCondDim == 0 && cond is not null)
            throw new ArgumentException("This network has no global condition (GlobalCondDim = 0) but a condition was given.");
        if (c.GlobalCondDim > 0 && (cond is null || cond.dim() != 2 || cond.shape[0] != b || cond.shape[1] != c.GlobalCondDim))
            throw new ArgumentException(
                $"Expected condition [{b}, {c.GlobalCondDim}], got {(cond is null ? "null" : $"[{string.Join(", ", cond.shape)}]")}.");
    }
}
