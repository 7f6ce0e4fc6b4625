using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// A trained return estimate J(τ) for value-guided planning (Janner et al. 2022, §3.2): Diffuser's
/// <see cref="ValueFunction"/> network, the normalizer it was trained under (the planner's) and what it estimates
/// (<see cref="ValueModelConfig"/>). A value checkpoint folder holds config.json, the weights and the normalizer, like a planner's.
/// </summary>
public sealed class DiffuserValue : IDisposable
{
    private readonly ValueObjective _objective;

    /// <param name="config">The value's planner config and return definition.</param>
    /// <param name="normalizer">Min-max statistics of the planner's observation and action keys.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    public DiffuserValue(ValueModelConfig config, NormalizerSet normalizer, long seed = 0)
    {
        Config = config.Validated();
        var p = Config.Planner;
        foreach (var (key, dim) in new[] { (p.ObservationKey, p.ObservationDim), (p.ActionKey, p.ActionDim) })
            if (normalizer[key].Dim != dim)
                throw new ArgumentException($"The normalizer of '{key}' has {normalizer[key].Dim} dims, the config {dim}.");
        Normalizer = normalizer;
        _objective = new ValueObjective(p, Config.InpaintGoal);
        manual_seed(seed);
        Network = new ValueFunction(p);
    }

    public ValueModelConfig Config { get; }
    public NormalizerSet Normalizer { get; }

    /// <summary>J(τ_t, t): noisy normalized trajectories [B, H, Da + Ds] and timesteps [B] → [B, 1].</summary>
    public ValueFunction Network { get; }

    /// <summary>
    /// The value loss of a batch: raw [B, H, Ds] observations and [B, H, Da] actions under the planner's keys and the
    /// targets [B] under <see cref="ReturnWindowBatches.ReturnKey"/>. Returns a scalar.
    /// </summary>
    public Tensor Loss(IReadOnlyDictionary<string, Tensor> batch, Generator generator)
    {
        var targets = batch.TryGetValue(ReturnWindowBatches.ReturnKey, out var r) ? r
            : throw new KeyNotFoundException($"The batch has no '{ReturnWindowBatches.ReturnKey}' targets. It has: {string.Join(", ", batch.Keys)}.");
        return _objective.Loss(Network, NormalizedTrajectories(batch), targets, generator);
    }

    /// <summary>
    /// Value guidance for <paramref name="planner"/>'s sampler, after checking that the value reads the planner's
    /// trajectories: same horizon, widths, keys and normalizer statistics.
    /// </summary>
    public PlanGuidance Guidance(DiffuserPlanner planner, GradientGuidanceOptions options)
    {
        CheckFits(planner);
        return new PlanGuidance(Network.AsValue(), options.Validated());
    }

    /// <summary>Estimated returns [B] of raw trajectories [B, H, Da + Ds] (clean, timestep 0).</summary>
    public Tensor Evaluate(Tensor trajectories)
    {
        var p = Config.Planner;
        if (trajectories.dim() != 3 || trajectories.shape[1] != p.Horizon || trajectories.shape[2] != p.TransitionDim)
            throw new ArgumentException($"Trajectories must be [B, {p.Horizon}, {p.TransitionDim}], got [{string.Join(", ", trajectories.shape)}].");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = trajectories.to(ScalarType.Float32);
        var normalized = cat([Normalizer.Normalize(p.ActionKey, x.narrow(2, 0, p.ActionDim)),
            Normalizer.Normalize(p.ObservationKey, x.narrow(2, p.ActionDim, p.ObservationDim))], 2);
        return Network.AsValue()(normalized).MoveToOuterDisposeScope();
    }

    /// <summary>Throws naming the first difference between this value's trajectories and the planner's.</summary>
    public void CheckFits(DiffuserPlanner planner)
    {
        var (v, p) = (Config.Planner, planner.Config);
        if (v.Horizon != p.Horizon)
            throw new ArgumentException($"The value network scores trajectories of horizon {v.Horizon}, the planner plans {p.Horizon} steps: train the value for this planner.");
        if (v.ActionDim != p.ActionDim || v.ObservationDim != p.ObservationDim)
            throw new ArgumentException($"The value network reads transitions of {v.ActionDim} action + {v.ObservationDim} observation dims, " +
                                        $"the planner's have {p.ActionDim} + {p.ObservationDim}.");
        if (v.ActionKey != p.ActionKey || v.ObservationKey != p.ObservationKey)
            throw new ArgumentException($"The value network uses keys ({v.ActionKey}, {v.ObservationKey}), the planner ({p.ActionKey}, {p.ObservationKey}).");
        foreach (var key in new[] { p.ActionKey, p.ObservationKey })
        {
            var (a, b) = (Normalizer[key], planner.Normalizer[key]);
            if (!a.Min.SequenceEqual(b.Min) || !a.Max.SequenceEqual(b.Max))
                throw new ArgumentException($"The value network normalizes '{key}' with min [{string.Join(", ", a.Min)}], max [{string.Join(", ", a.Max)}], " +
                                            $"the planner with min [{string.Join(", ", b.Min)}], max [{string.Join(", ", b.Max)}]: train both on the same dataset.");
        }
    }

    /// <summary>Writes the normalizer beside a checkpoint's weights (the trainer writes weights and config).</summary>
    public void WriteNormalizer(string dir) => Normalizer.Save(Path.Combine(dir, DiffuserPlanner.NormalizerFile));

    /// <summary>Loads a value network from a checkpoint folder: config.json's "model" section, the normalizer, EMA weights when present.</summary>
    public static DiffuserValue Load(string dir)
    {
        DiffuserValue value;
        try
        {
            value = TrainedWeights.LoadFolder<ValueModelConfig, DiffuserValue>(dir, "Value", DiffuserPlanner.NormalizerFile,
                (config, normalizer) => new DiffuserValue(config, normalizer), v => v.Network);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{dir}' is not a value-network folder (train one with `method: diffuser_value`): {e.Message}", e);
        }
        foreach (var q in value.Network.parameters()) q.requires_grad_(false);   // guidance differentiates the input only
        return value;
    }

    public void Dispose() => Network.Dispose();

    private Tensor NormalizedTrajectories(IReadOnlyDictionary<string, Tensor> batch)
    {
        var p = Config.Planner;
        return cat([Normalizer.Normalize(p.ActionKey, Feature(batch, p.ActionKey, p.ActionDim)),
            Normalizer.Normalize(p.ObservationKey, Feature(batch, p.ObservationKey, p.ObservationDim))], 2);   // [B, H, T]
    }

    private Tensor Feature(IReadOnlyDictionary<string, Tensor> batch, string key, int dim)
    {
        var x = batch.TryGetValue(key, out var t) ? t
            : throw new KeyNotFoundException($"The batch has no '{key}'. It has: {string.Join(", ", batch.Keys)}.");
        if (x.dim() != 3 || x.shape[1] != Config.Planner.Horizon || x.shape[2] != dim)
            throw new ArgumentException($"'{key}' must be [B, {Config.Planner.Horizon}, {dim}], got [{string.Join(", ", x.shape)}].");
        return x;
    }
}
