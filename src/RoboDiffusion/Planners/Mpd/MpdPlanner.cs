using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Planners.Diffuser;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Mpd;

/// <summary>
/// Motion Planning Diffusion (Carvalho et al., IROS 2023): a trajectory prior p(τ) over H states, sampled with the start
/// and goal inpainted and, optionally, cost-gradient guidance (<see cref="MpdGuidance"/>). Training is ε-prediction MSE
/// (MPD's p_losses) with the known entries masked: their noise is 0, so the network sees c_in·x₀ there — exactly what
/// <see cref="Inpainting.Wrap"/> feeds it at sampling — and their ε̂ is overwritten by the target 0, so they add no loss.
/// (MPD overwrites ε̂ there with the known states instead, which only adds a constant to the loss.)
/// </summary>
public sealed class MpdPlanner : IDisposable
{
    /// <summary>File of the normalizer statistics beside the weights.</summary>
    public const string NormalizerFile = "normalizer.safetensors";

    private readonly DiffusionObjective _objective;
    private readonly DiscreteSchedule _schedule;
    private readonly NoiseLevelSampler _levels;

    /// <param name="config">A resolved config.</param>
    /// <param name="normalizer">Min-max statistics of the state key.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    public MpdPlanner(MpdConfig config, NormalizerSet normalizer, long seed = 0)
    {
        Config = config.Validated();
        if (normalizer[Config.StateKey].Dim != Config.StateDim)
            throw new ArgumentException($"The normalizer of '{Config.StateKey}' has {normalizer[Config.StateKey].Dim} dims, the config {Config.StateDim}.");
        Normalizer = normalizer;
        _objective = DiffusionObjectives.Create(Config.Objective);
        _schedule = new DiscreteSchedule(Config.Objective.Schedule);
        _levels = NoiseLevelSamplers.DiscreteUniform(_schedule);
        manual_seed(seed);
        Model = new ConditionalUnet1D(Config.Unet);
    }

    public MpdConfig Config { get; }
    public NormalizerSet Normalizer { get; }

    /// <summary>MPD's TemporalUnet: ε of a trajectory [B, H, D] from its noisy version and the timestep.</summary>
    public ConditionalUnet1D Model { get; }

    /// <summary>The discrete training schedule (σ grid of the samplers).</summary>
    public DiscreteSchedule Schedule => _schedule;

    /// <summary>MPD's loss on a batch of raw trajectories [B, H, D] under the state key, their own ends inpainted. Returns a scalar.</summary>
    public Tensor Loss(IReadOnlyDictionary<string, Tensor> batch, Generator generator)
    {
        var x0 = Normalizer.Normalize(Config.StateKey, Feature(batch));                      // [B, H, D]
        var known = Conditioning(x0.select(1, 0), x0.select(1, Config.Horizon - 1));
        var sigma = _levels(x0.shape[0], generator).to(x0.device);                           // [B]
        var noise = randn(x0.shape, dtype: x0.dtype, generator: generator).masked_fill(known.Mask, 0);
        NetworkFn masked = (input, level, cond) => Model.forward(input, level, cond).masked_fill(known.Mask, 0);
        return _objective.Loss(masked, x0, null, sigma, noise).mean();
    }

    /// <summary>
    /// <paramref name="samples"/> trajectories per query: raw [B·n, H, D] (query-major) whose first state is the start and
    /// whose last is the goal, both with zero velocity, exactly (to float precision).
    /// </summary>
    /// <param name="starts">Raw start positions [B, 2] (zero velocity) or full states [B, D].</param>
    /// <param name="goals">Raw goal positions [B, 2] (zero velocity) or full states [B, D].</param>
    /// <param name="generator">Noise of the sampler.</param>
    /// <param name="samples">Trajectories per query; null = <see cref="MpdConfig.Samples"/>.</param>
    /// <param name="guidance">Cost guidance; null = unguided prior samples.</param>
    /// <param name="inference">Sampler, steps and σ grid; null = <see cref="MpdConfig.DefaultInference"/>.</param>
    public Tensor Sample(Tensor starts, Tensor goals, Generator generator, int? samples = null, MpdGuidance? guidance = null,
        PolicyInference? inference = null)
    {
        var run = (inference ?? Config.DefaultInference).Validated();
        var n = samples ?? Config.Samples;
        if (n < 1) throw new ArgumentException($"samples must be ≥ 1, got {n}.");
        var g = guidance?.Validated();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var s = Normalizer.Normalize(Config.StateKey, States(starts, "starts", starts.shape[0])).repeat_interleave(n, 0);
        var e = Normalizer.Normalize(Config.StateKey, States(goals, "goals", starts.shape[0])).repeat_interleave(n, 0);
        var known = Conditioning(s, e);
        var denoise = _objective.Denoiser(Network).Bind(null);
        if (Config.ClipSample) denoise = X0Thresholding.Clip(denoise);
        denoise = known.Wrap(denoise);
        var sigmas = run.Sigmas(_schedule);
        if (g is not null) denoise = MpdGuidedDenoiser.Create(denoise, g, sigmas, run.Sampler, Normalizer[Config.StateKey], known);
        var options = run.Options(generator) with { SNoise = g?.NoiseScale ?? run.SNoise };
        var x = randn([s.shape[0], Config.Horizon, Config.StateDim], generator: generator) * sigmas[0];
        x = SamplerRegistry.Sample(run.Sampler, denoise, x, sigmas, options);
        double[] last = [sigmas[^2], 0.0];                                 // one step from the smallest σ lands on x̂₀
        for (var k = 0; k < (g?.NoiseFreeSteps ?? 0); k++) x = SamplerRegistry.Sample(SamplerKind.Ddpm, denoise, x, last, options);
        return Unnormalize(known.Apply(x)).MoveToOuterDisposeScope();      // [B·n, H, D]
    }

    /// <summary>Raw trajectories [B, H, D] → normalized.</summary>
    public Tensor Normalize(Tensor trajectories) => Normalizer.Normalize(Config.StateKey, CheckShape(trajectories));

    /// <summary>Normalized trajectories [B, H, D] → raw units.</summary>
    public Tensor Unnormalize(Tensor trajectories) => Normalizer.Unnormalize(Config.StateKey, CheckShape(trajectories));

    /// <summary>Writes the normalizer beside a checkpoint's weights (the trainer writes weights and config).</summary>
    public void WriteNormalizer(string dir) => Normalizer.Save(Path.Combine(dir, NormalizerFile));

    /// <summary>Loads a planner from a checkpoint or model folder: config.json's "model" section, the normalizer, EMA weights when present.</summary>
    public static MpdPlanner Load(string dir) => TrainedWeights.LoadFolder<MpdConfig, MpdPlanner>(
        dir, "Planner", NormalizerFile, (config, normalizer) => new MpdPlanner(config, normalizer), planner => planner.Model);

    public void Dispose() => Model.Dispose();

    private NetworkFn Network => (input, noiseLevel, cond) => Model.forward(input, noiseLevel, cond);

    private Inpainting Conditioning(Tensor starts, Tensor goals) =>
        TrajectoryConditioning.StartAndGoal(Config.Horizon, Config.StateDim, 0, starts, goals);

    /// <summary>Positions [B, 2] padded with zero velocities, or full states [B, D], as float32.</summary>
    private Tensor States(Tensor x, string name, long batch)
    {
        var d = Config.StateDim;
        if (x.dim() != 2 || x.shape[0] != batch || (x.shape[1] != 2 && x.shape[1] != d))
            throw new ArgumentException($"{name} must be [{batch}, 2] positions or [{batch}, {d}] states, got [{string.Join(", ", x.shape)}].");
        if (x.isnan().any().item<bool>()) throw new ArgumentException($"{name} contains NaN.");
        var v = x.to(ScalarType.Float32);
        return v.shape[1] == d ? v : cat([v, zeros([batch, d - 2], ScalarType.Float32)], 1);
    }

    private Tensor Feature(IReadOnlyDictionary<string, Tensor> batch)
    {
        var x = batch.TryGetValue(Config.StateKey, out var t) ? t
            : throw new KeyNotFoundException($"The batch has no '{Config.StateKey}'. It has: {string.Join(", ", batch.Keys)}.");
        return CheckShape(x);
    }

    private Tensor CheckShape(Tensor x) => x.dim() == 3 && x.shape[1] == Config.Horizon && x.shape[2] == Config.StateDim ? x
        : throw new ArgumentException($"Trajectories must be [B, {Config.Horizon}, {Config.StateDim}], got [{string.Join(", ", x.shape)}].");
}
