using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Policies.DiffusionPolicy;

/// <summary>
/// Diffusion Policy (Chi et al., RSS 2023): a conditional diffusion model over action chunks. Training is the ε-MSE of
/// DDPM (Ho et al. 2020, eq. 14) on min-max-normalized windows; acting samples a chunk of Tp actions conditioned on the
/// last To observations with any sampler of the core and returns the Ta of them that the robot executes before it
/// re-plans (receding horizon, §III-A). Stateless between calls: observation histories live with the caller.
/// </summary>
public sealed class DiffusionPolicy : IDisposable
{
    /// <summary>File of the normalizer statistics beside the weights.</summary>
    public const string NormalizerFile = "normalizer.safetensors";

    private readonly DiffusionObjective _objective;
    private readonly DiscreteSchedule _schedule;

    /// <param name="config">A resolved config.</param>
    /// <param name="normalizer">Statistics of every observation key and of the action key.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    public DiffusionPolicy(DiffusionPolicyConfig config, NormalizerSet normalizer, long seed = 0)
    {
        Config = config.Validated();
        foreach (var key in Config.ObservationKeys.Append(Config.ActionKey)) _ = normalizer[key];   // throws naming a missing one
        Normalizer = normalizer;
        _objective = DiffusionObjectives.Create(Config.Objective);
        _schedule = new DiscreteSchedule(Config.Objective.Schedule);
        manual_seed(seed);
        using var generator = new Generator((ulong)seed);
        Model = new DiffusionPolicyModel(Config, generator);
    }

    public DiffusionPolicyConfig Config { get; }
    public NormalizerSet Normalizer { get; }
    public DiffusionPolicyModel Model { get; }

    /// <summary>
    /// The training loss of a batch of windows: raw features [B, Tp, D] per key (observations are read at the first To
    /// positions, actions at all Tp); noise and timesteps come from <paramref name="generator"/>. Returns a scalar.
    /// </summary>
    public Tensor Loss(IReadOnlyDictionary<string, Tensor> batch, Generator generator)
    {
        var actions = NormalizedActions(batch);                                             // [B, Tp, Da]
        var cond = Condition(batch, generator);                                             // [B, To·F]; image crops drawn first
        return _objective.Loss(Model.Network, actions, cond, generator).mean();
    }

    /// <summary>
    /// Samples the whole chunk of Tp actions (raw units) for a batch of observation histories, raw [B, To, D] per key
    /// (the last row is the current observation). Runs under no_grad; noise comes from <paramref name="generator"/>.
    /// </summary>
    public Tensor PredictChunk(IReadOnlyDictionary<string, Tensor> observations, Generator generator, PolicyInference? inference = null)
    {
        var run = (inference ?? Config.Inference).Validated();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var cond = Condition(observations, null);                                           // [B, To·F]
        var b = cond.shape[0];
        ConditionalDenoiser conditional = _objective.Denoiser(Model.Network);
        var denoise = conditional.Bind(cond);
        if (Config.ClipSample) denoise = X0Thresholding.Clip(denoise);                      // actions live in [−1, 1]
        var sigmas = run.Sigmas(_schedule);
        var x = randn([b, Config.Horizon, Config.ActionDim], generator: generator) * sigmas[0];  // [B, Tp, Da]
        var options = run.Options(generator);
        var sample = SamplerRegistry.Sample(run.Sampler, denoise, x, sigmas, options);
        return Normalizer.Unnormalize(Config.ActionKey, sample).MoveToOuterDisposeScope();  // [B, Tp, Da]
    }

    /// <summary>The Ta actions to execute now: chunk rows To − 1 … To − 2 + Ta, raw units [B, Ta, Da].</summary>
    public Tensor SelectActions(IReadOnlyDictionary<string, Tensor> observations, Generator generator, PolicyInference? inference = null)
    {
        using var chunk = PredictChunk(observations, generator, inference);
        return chunk.narrow(1, Config.ObsSteps - 1, Config.ActionSteps).contiguous();
    }

    /// <summary>Writes the normalizer beside a checkpoint's weights (the trainer writes weights and config).</summary>
    public void WriteNormalizer(string dir) => Normalizer.Save(Path.Combine(dir, NormalizerFile));

    /// <summary>
    /// Loads a policy from a trainer checkpoint directory or a shipped model folder: config.json's "model" section, the
    /// normalizer, and the EMA weights when present (diffusion_policy evaluates the EMA model).
    /// </summary>
    public static DiffusionPolicy Load(string dir) => TrainedWeights.LoadFolder<DiffusionPolicyConfig, DiffusionPolicy>(
        dir, "Policy", NormalizerFile, (config, normalizer) => new DiffusionPolicy(config, normalizer), policy => policy.Model);

    public void Dispose() => Model.Dispose();

    /// <summary>
    /// Observation features of the first To steps, flattened: [B, To·F] = per step the normalized low-dim values, then
    /// the image features. Images are [B, T ≥ To, H, W, 3] bytes; <paramref name="cropGenerator"/> draws their training crops.
    /// </summary>
    private Tensor Condition(IReadOnlyDictionary<string, Tensor> batch, Generator? cropGenerator)
    {
        var parts = Config.ObservationKeys.Select(k => Normalizer.Normalize(k, Steps(Feature(batch, k), k))).ToList();
        if (Config.ImageKey is { } imageKey)
            parts.Add(Model.EncodeImages(Feature(batch, imageKey).narrow(1, 0, Config.ObsSteps), Model.training ? cropGenerator : null));
        var obs = parts.Count == 1 ? parts[0] : cat(parts, -1);                             // [B, To, F]
        return obs.reshape(obs.shape[0], -1);
    }

    private Tensor NormalizedActions(IReadOnlyDictionary<string, Tensor> batch)
    {
        var a = Feature(batch, Config.ActionKey);
        if (a.dim() != 3 || a.shape[1] != Config.Horizon || a.shape[2] != Config.ActionDim)
            throw new ArgumentException($"'{Config.ActionKey}' must be [B, {Config.Horizon}, {Config.ActionDim}], got [{string.Join(", ", a.shape)}].");
        return Normalizer.Normalize(Config.ActionKey, a);
    }

    /// <summary>The first To steps of an observation feature [B, T ≥ To, D].</summary>
    private Tensor Steps(Tensor x, string key)
    {
        var dim = Config.ObservationDims[Config.ObservationKeys.ToList().IndexOf(key)];
        if (x.dim() != 3 || x.shape[1] < Config.ObsSteps || x.shape[2] != dim)
            throw new ArgumentException($"'{key}' must be [B, T ≥ {Config.ObsSteps}, {dim}], got [{string.Join(", ", x.shape)}].");
        return x.narrow(1, 0, Config.ObsSteps);
    }

    private static Tensor Feature(IReadOnlyDictionary<string, Tensor> batch, string key) =>
        batch.TryGetValue(key, out var t) ? t
        : throw new KeyNotFoundException($"The batch has no '{key}'. It has: {string.Join(", ", batch.Keys)}.");
}
