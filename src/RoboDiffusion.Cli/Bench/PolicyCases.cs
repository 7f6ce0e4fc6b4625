using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.Bench;

/// <summary>
/// The timed bodies of `robodiff bench policy` on a real <see cref="DiffusionPolicy"/> for Push-T state (To = 2,
/// Tp = 16, Da = 2, 18 keypoint + 2 agent values per step, so the U-Net's global condition is 40 wide), with fixed
/// min-max statistics [0, 512] for every key. Inputs are drawn inside each body, as on the Python side.
/// </summary>
internal sealed class PolicyCases : IDisposable
{
    private const double RawMin = 0, RawMax = 512;   // Push-T coordinates; the Python side uses the same statistics
    private static readonly (string Key, int Dim)[] ObservationKeys = [("observation.keypoints", 18), ("observation.state", 2)];
    private const string ActionKey = "action";

    private readonly DiffusionPolicy _policy;
    private readonly Generator _generator = new(0);
    private AdamW? _optimizer;

    public PolicyCases(BenchSize size)
    {
        var config = new DiffusionPolicyConfig
        {
            ObservationKeys = [.. ObservationKeys.Select(k => k.Key)],
            ActionKey = ActionKey,
            Unet = new ConditionalUnet1DConfig { DownDims = size.DownDims, DiffusionStepEmbedDim = size.StepEmbed },
        }.Resolved([.. ObservationKeys.Select(k => k.Dim)], actionDim: 2);
        var stats = ObservationKeys.Append((ActionKey, config.ActionDim)).ToDictionary(
            k => k.Item1, k => MinMaxNormalizer.FromStats(Enumerable.Repeat(RawMin, k.Item2).ToArray(), Enumerable.Repeat(RawMax, k.Item2).ToArray()));
        _policy = new DiffusionPolicy(config, new NormalizerSet(stats));
    }

    public long ParameterCount => _policy.Model.ParameterCount;

    /// <summary>The body of a case; puts the model in train or eval mode as the case needs.</summary>
    public Action Body(BenchCase c)
    {
        if (c.IsTraining) _policy.Model.train();
        else _policy.Model.eval();
        return c.Work switch
        {
            BenchWork.Forward => Forward(c.Size),
            BenchWork.ChunkDdpm => Chunk(new PolicyInference { Sampler = SamplerKind.Ddpm, Steps = c.Size, Grid = SigmaGridKind.Leading }),
            BenchWork.ChunkDdim => Chunk(new PolicyInference { Sampler = SamplerKind.Ddim, Steps = c.Size, Grid = SigmaGridKind.Leading, Eta = 0 }),
            BenchWork.TrainStep => TrainStep(c.Size),
            _ => throw new ArgumentException($"Unknown benchmark work {c.Work}."),
        };
    }

    /// <summary>The network alone: x [B, Tp, Da], timestep 50, condition [B, 40], no_grad.</summary>
    private Action Forward(int batch)
    {
        var x = randn([batch, _policy.Config.Horizon, _policy.Config.ActionDim], generator: _generator);
        var t = full([batch], 50f);
        var cond = randn([batch, _policy.Config.Unet.GlobalCondDim], generator: _generator);
        return () =>
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            _policy.Model.Network(x, t, cond);
        };
    }

    /// <summary>PredictChunk at batch 1 for fixed observations: normalize, sample with x̂₀ clipping, unnormalize.</summary>
    private Action Chunk(PolicyInference inference)
    {
        var observations = Observations(1, _policy.Config.ObsSteps);
        return () =>
        {
            using var scope = NewDisposeScope();
            _policy.PredictChunk(observations, _generator, inference);
        };
    }

    /// <summary>One optimizer step of training: DiffusionPolicy.Loss (full diffusion loss), backward, AdamW.</summary>
    private Action TrainStep(int batch)
    {
        var train = new TrainConfig();   // the paper's CNN settings: lr 1e-4, betas (0.95, 0.999), weight decay 1e-6
        _optimizer ??= optim.AdamW(_policy.Model.parameters(), train.LearningRate, train.Beta1, train.Beta2, train.Eps, train.WeightDecay);
        var optimizer = _optimizer;
        return () =>
        {
            using var scope = NewDisposeScope();
            var windows = Observations(batch, _policy.Config.Horizon);
            windows[ActionKey] = Raw(batch, _policy.Config.Horizon, _policy.Config.ActionDim);
            optimizer.zero_grad();
            var loss = _policy.Loss(windows, _generator);
            loss.backward();
            optimizer.step();
        };
    }

    private Dictionary<string, Tensor> Observations(int batch, int steps) =>
        ObservationKeys.ToDictionary(k => k.Key, k => Raw(batch, steps, k.Dim));

    private Tensor Raw(int batch, int steps, int dim) => RawMin + (RawMax - RawMin) * rand([batch, steps, dim], generator: _generator);

    public void Dispose()
    {
        _optimizer?.Dispose();
        _policy.Dispose();
        _generator.Dispose();
    }
}
