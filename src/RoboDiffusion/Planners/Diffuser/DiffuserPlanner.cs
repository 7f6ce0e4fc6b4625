using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Diffuser (Janner et al., ICML 2022): plans a whole trajectory of H transitions [a_t, s_t] by denoising it, with the
/// start and goal observations inpainted (§3.3). Training is Diffuser's p_losses: x₀-prediction MSE over the whole
/// trajectory with the conditioning applied to the noisy input and to the prediction (diffuser/models/diffusion.py;
/// action_weight 1 and loss_discount 1 make every weight 1). Planning runs any sampler of the core; the default is
/// DDPM over every training step, as Diffuser's p_sample_loop.
/// </summary>
public sealed class DiffuserPlanner : IDisposable
{
    /// <summary>File of the normalizer statistics beside the weights.</summary>
    public const string NormalizerFile = "normalizer.safetensors";

    private readonly DiffusionObjective _objective;
    private readonly DiscreteSchedule _schedule;

    /// <param name="config">A resolved config.</param>
    /// <param name="normalizer">Min-max statistics of the observation and action keys.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    public DiffuserPlanner(DiffuserConfig config, NormalizerSet normalizer, long seed = 0)
    {
        Config = config.Validated();
        foreach (var key in new[] { Config.ObservationKey, Config.ActionKey })
            if (normalizer[key].Dim != (key == Config.ActionKey ? Config.ActionDim : Config.ObservationDim))
                throw new ArgumentException($"The normalizer of '{key}' has {normalizer[key].Dim} dims, the config another width.");
        Normalizer = normalizer;
        _objective = DiffusionObjectives.Create(Config.Objective);
        _schedule = new DiscreteSchedule(Config.Objective.Schedule);
        manual_seed(seed);
        Model = new ConditionalUnet1D(Config.Unet);
    }

    public DiffuserConfig Config { get; }
    public NormalizerSet Normalizer { get; }

    /// <summary>Diffuser's TemporalUnet: x₀ of a trajectory [B, H, Da + Ds] from its noisy version and the timestep.</summary>
    public ConditionalUnet1D Model { get; }

    /// <summary>
    /// Diffuser's loss on a batch of windows: raw [B, H, Ds] observations and [B, H, Da] actions under the config's keys;
    /// the window's own first and last observations are the inpainted start and goal. Returns a scalar.
    /// </summary>
    public Tensor Loss(IReadOnlyDictionary<string, Tensor> batch, Generator generator)
    {
        var x0 = NormalizedTrajectories(batch);                                             // [B, H, T]
        var obs = x0.narrow(2, Config.ActionDim, Config.ObservationDim);
        var known = TrajectoryConditioning.StartAndGoal(Config, obs.select(1, 0), obs.select(1, Config.Horizon - 1));
        return _objective.Loss(TrajectoryConditioning.Conditioned(Network, known), x0, null, generator).mean();
    }

    /// <summary>
    /// Plans from each start to its goal: raw trajectories [B, H, Da + Ds] (actions, then observations) whose first
    /// observation is the start and whose last is the goal, exactly (to float precision). Without goals only the start
    /// is inpainted and the last observation is denoised freely, so a value <paramref name="guidance"/> decides where the plan ends.
    /// </summary>
    /// <param name="starts">Raw observations [B, Ds].</param>
    /// <param name="goals">Raw goal positions [B, 2] (velocities set to 0, as plan_maze2d.py) or full observations [B, Ds];
    /// null = no goal (start-only inpainting).</param>
    /// <param name="generator">Noise of the sampler.</param>
    /// <param name="inference">Sampler, steps and σ grid; null = <see cref="DiffuserConfig.DefaultInference"/>.</param>
    /// <param name="guidance">Optional value guidance.</param>
    /// <param name="onDenoised">Gets (step, raw x̂₀ [B, H, T]) after every sampler step; the tensor is the caller's.</param>
    /// <param name="horizon">A shorter plan, start to goal in <paramref name="horizon"/> steps (a multiple the U-Net
    /// halves, at most the trained H): the fully convolutional network denoises windows of any such length, and a
    /// replan with the steps left to the first plan's arrival keeps that arrival (docs/results.md, replanning). Null = H.</param>
    public Tensor Plan(Tensor starts, Tensor? goals, Generator generator, PolicyInference? inference = null,
        PlanGuidance? guidance = null, Action<int, Tensor>? onDenoised = null, int? horizon = null)
    {
        var h = horizon ?? Config.Horizon;
        if (h > Config.Horizon) throw new ArgumentException($"A plan of {h} steps is longer than the trained horizon {Config.Horizon}.");
        Config.Unet.ValidateHorizon(h);
        if (guidance is not null && h != Config.Horizon)
            throw new ArgumentException($"Value guidance scores plans of the trained horizon {Config.Horizon}, not {h}.");
        var run = (inference ?? Config.DefaultInference).Validated();
        if (starts.dim() != 2 || starts.shape[1] != Config.ObservationDim)
            throw new ArgumentException($"starts must be [B, {Config.ObservationDim}] raw observations, got [{string.Join(", ", starts.shape)}].");
        if (starts.isnan().any().item<bool>()) throw new ArgumentException("starts contains NaN.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var s = Normalizer.Normalize(Config.ObservationKey, starts.to(ScalarType.Float32));          // [B, Ds]
        var known = goals is null ? TrajectoryConditioning.Start(Config, s, h)
            : TrajectoryConditioning.StartAndGoal(Config, s, Normalizer.Normalize(Config.ObservationKey, GoalObservations(goals, starts.shape[0])), h);
        var denoise = _objective.Denoiser(TrajectoryConditioning.Conditioned(Network, known)).Bind(null);
        if (Config.ClipSample) denoise = X0Thresholding.Clip(denoise);
        if (guidance is not null)
            denoise = GradientGuidance.MaximizeValue(denoise, guidance.Value, guidance.Options with { Projection = known.Apply });
        var sigmas = run.Sigmas(_schedule);
        var x = randn([s.shape[0], h, Config.TransitionDim], generator: generator) * sigmas[0];
        var options = run.Options(generator);
        Action<SampleStep>? onStep = onDenoised is null ? null
            : step => onDenoised(step.Index, Unnormalize(known.Apply(step.Denoised)).detach().clone());
        var sample = SamplerRegistry.Sample(run.Sampler, denoise, x, sigmas, options, onStep: onStep);
        return Unnormalize(known.Apply(sample)).MoveToOuterDisposeScope();                        // [B, H, T]
    }

    /// <summary>Raw trajectories [B, H, T] → normalized, per key (actions first).</summary>
    public Tensor Normalize(Tensor trajectories) => MapKeys(trajectories, Normalizer.Normalize);

    /// <summary>Normalized trajectories [B, H, T] → raw units.</summary>
    public Tensor Unnormalize(Tensor trajectories) => MapKeys(trajectories, Normalizer.Unnormalize);

    /// <summary>Writes the normalizer beside a checkpoint's weights (the trainer writes weights and config).</summary>
    public void WriteNormalizer(string dir) => Normalizer.Save(Path.Combine(dir, NormalizerFile));

    /// <summary>Loads a planner from a checkpoint or model folder: config.json's "model" section, the normalizer, EMA weights when present.</summary>
    public static DiffuserPlanner Load(string dir) => TrainedWeights.LoadFolder<DiffuserConfig, DiffuserPlanner>(
        dir, "Planner", NormalizerFile, (config, normalizer) => new DiffuserPlanner(config, normalizer), planner => planner.Model);

    public void Dispose() => Model.Dispose();

    private NetworkFn Network => (input, noiseLevel, cond) => Model.forward(input, noiseLevel, cond);

    private Tensor MapKeys(Tensor x, Func<string, Tensor, Tensor> map)
    {
        if (x.dim() != 3 || x.shape[2] != Config.TransitionDim)
            throw new ArgumentException($"Trajectories must be [B, H, {Config.TransitionDim}], got [{string.Join(", ", x.shape)}].");
        return cat([map(Config.ActionKey, x.narrow(2, 0, Config.ActionDim)),
            map(Config.ObservationKey, x.narrow(2, Config.ActionDim, Config.ObservationDim))], 2);
    }

    /// <summary>Goal observations [B, Ds]: positions padded with zero velocities, or full observations.</summary>
    private Tensor GoalObservations(Tensor goals, long batch)
    {
        var ds = Config.ObservationDim;
        if (goals.dim() != 2 || goals.shape[0] != batch || (goals.shape[1] != 2 && goals.shape[1] != ds))
            throw new ArgumentException($"Goals must be [{batch}, 2] positions or [{batch}, {ds}] observations, got [{string.Join(", ", goals.shape)}].");
        var g = goals.to(ScalarType.Float32);
        if (g.shape[1] == ds && !Config.ZeroGoalVelocity) return g;
        var full = zeros([batch, ds], ScalarType.Float32);
        full[TensorIndex.Colon, TensorIndex.Slice(0, 2)] = g.narrow(1, 0, 2);
        return full;
    }

    private Tensor NormalizedTrajectories(IReadOnlyDictionary<string, Tensor> batch)
    {
        var a = Feature(batch, Config.ActionKey, Config.ActionDim);
        var s = Feature(batch, Config.ObservationKey, Config.ObservationDim);
        return cat([Normalizer.Normalize(Config.ActionKey, a), Normalizer.Normalize(Config.ObservationKey, s)], 2);
    }

    private Tensor Feature(IReadOnlyDictionary<string, Tensor> batch, string key, int dim)
    {
        var x = batch.TryGetValue(key, out var t) ? t
            : throw new KeyNotFoundException($"The batch has no '{key}'. It has: {string.Join(", ", batch.Keys)}.");
        if (x.dim() != 3 || x.shape[1] != Config.Horizon || x.shape[2] != dim)
            throw new ArgumentException($"'{key}' must be [B, {Config.Horizon}, {dim}], got [{string.Join(", ", x.shape)}].");
        return x;
    }
}
