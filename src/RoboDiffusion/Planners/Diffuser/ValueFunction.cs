using RoboDiffusion.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Diffuser's value network J(τ_t, t) (Janner et al. 2022, §3.2; diffuser/models/temporal.py ValueFunction): the
/// planner U-Net's down path — per level two residual temporal blocks and a stride-2 downsample, at every level — then
/// two blocks that halve the channels (C → C/2 → C/4), each followed by a downsample, and a head
/// Linear(C/4·H' + d → C/4·H'/2) → Mish → Linear(→ 1) on the flattened features concatenated with the step embedding.
/// Blocks are <see cref="ConditionalResidualBlock1D"/> with bias-only step conditioning (Diffuser's ResidualTemporalBlock).
/// </summary>
public sealed class ValueFunction : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential stepEncoder;
    private readonly ModuleList<ConditionalResidualBlock1D> blocks;
    private readonly ModuleList<Conv1d> downsamplers;
    private readonly Sequential head;

    /// <param name="config">The planner's config: transition width, horizon and U-Net sizes.</param>
    public ValueFunction(DiffuserConfig config) : base(nameof(ValueFunction))
    {
        Config = config.Validated();
        var u = Config.Unet;
        var d = u.DiffusionStepEmbedDim;
        var mid = u.DownDims[^1];
        if (mid % (4 * u.NGroups) != 0 || mid / 4 < MinLastChannels)
            throw new ArgumentException($"The value network needs the last DownDims entry ({mid}) to be a multiple of 4·NGroups = " +
                $"{4 * u.NGroups} and at least {4 * MinLastChannels}: its last block has {mid}/4 channels.");
        stepEncoder = nn.Sequential(("pos", new SinusoidalPosEmb(d)), ("fc1", nn.Linear(d, 4 * d)), ("act", nn.Mish()), ("fc2", nn.Linear(4 * d, d)));
        int[] dims = [Config.TransitionDim, .. u.DownDims, mid / 2, mid / 4];
        blocks = nn.ModuleList<ConditionalResidualBlock1D>();
        downsamplers = nn.ModuleList<Conv1d>();
        var horizon = (long)Config.Horizon;
        for (var i = 0; i < u.DownDims.Count; i++)
        {
            blocks.Add(Block(dims[i], dims[i + 1]));
            blocks.Add(Block(dims[i + 1], dims[i + 1]));
            downsamplers.Add(nn.Conv1d(dims[i + 1], dims[i + 1], 3, stride: 2, padding: 1));
            horizon = (horizon + 1) / 2;                                   // Conv1d(3, stride 2, pad 1): ⌈H/2⌉
        }
        for (var i = u.DownDims.Count; i < dims.Length - 1; i++)       // mid_block1/mid_down1, mid_block2/mid_down2
        {
            blocks.Add(Block(dims[i], dims[i + 1]));
            downsamplers.Add(nn.Conv1d(dims[i + 1], dims[i + 1], 3, stride: 2, padding: 1));
            horizon = (horizon + 1) / 2;
        }
        var fc = (int)(mid / 4 * Math.Max(horizon, 1));
        head = nn.Sequential(("fc1", nn.Linear(fc + d, fc / 2)), ("act", nn.Mish()), ("fc2", nn.Linear(fc / 2, 1)));
        RegisterComponents();
    }

    /// <summary>
    /// Fewest channels of the last block (C/4): with 8 channels there, libtorch 2.10's CPU backward gave non-finite input
    /// gradients in our tests while the forward stayed finite; 16 and more were clean. Diffuser's net has 256/4 = 64.
    /// </summary>
    public const int MinLastChannels = 16;

    public DiffuserConfig Config { get; }

    /// <param name="x">Noisy normalized trajectories as the network sees them, [B, H, Da + Ds].</param>
    /// <param name="timestep">Diffusion timestep per sample, [B].</param>
    /// <returns>Predicted returns [B, 1].</returns>
    public override Tensor forward(Tensor x, Tensor timestep)
    {
        if (x.dim() != 3 || x.shape[1] != Config.Horizon || x.shape[2] != Config.TransitionDim)
            throw new ArgumentException($"Expected [B, {Config.Horizon}, {Config.TransitionDim}], got [{string.Join(", ", x.shape)}].");
        using var scope = NewDisposeScope();
        var t = stepEncoder.forward(timestep.to(x.dtype));                              // [B, d]
        var h = x.transpose(1, 2);                                                      // [B, T, H]
        var levels = Config.Unet.DownDims.Count;
        for (var i = 0; i < levels; i++)
            h = Downsample(i, blocks[2 * i + 1].forward(blocks[2 * i].forward(h, t), t));
        for (var i = levels; i < downsamplers.Count; i++)
            h = Downsample(i, blocks[levels + i].forward(h, t));                        // [B, C/2 then C/4, H']
        return head.forward(cat([h.flatten(1), t], 1)).MoveToOuterDisposeScope();       // [B, 1]
    }

    private Tensor Downsample(int i, Tensor h) => ConvForward.Conv1d(downsamplers[i], h, padding: 1, stride: 2);

    /// <summary>The value of clean normalized trajectories [B, H, T] → [B] (timestep 0), for <see cref="PlanGuidance"/>.</summary>
    public Func<Tensor, Tensor> AsValue() => x => forward(x, zeros([x.shape[0]], x.dtype, x.device)).squeeze(1);

    private ConditionalResidualBlock1D Block(int inChannels, int outChannels) =>
        new(inChannels, outChannels, Config.Unet.DiffusionStepEmbedDim, Config.Unet.KernelSize, Config.Unet.NGroups, condPredictScale: false);
}
