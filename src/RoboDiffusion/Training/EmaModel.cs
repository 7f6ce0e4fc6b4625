using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// Exponential moving average of a module's weights, as diffusion_policy's EMAModel: each <see cref="Step"/> applies
/// shadow ← decay·shadow + (1 − decay)·θ to trainable parameters with <see cref="DecayAt"/>(optimizationStep), then
/// counts the step. Frozen parameters, BatchNorm parameters and buffers are copied, not averaged.
/// The shadow is a set of detached tensors keyed like the module's state_dict, so it saves with the checkpoint.
/// </summary>
public sealed class EmaModel : IDisposable
{
    private readonly Dictionary<string, Tensor> _shadow = [];
    private readonly HashSet<string> _averaged;

    public EmaConfig Config { get; }

    /// <summary>Completed <see cref="Step"/> calls (diffusion_policy's optimization_step).</summary>
    public long OptimizationStep { get; private set; }

    /// <summary>The decay used by the last <see cref="Step"/> (0 before the first).</summary>
    public double Decay { get; private set; }

    /// <summary>Starts the average at the module's current weights.</summary>
    public EmaModel(nn.Module model, EmaConfig? config = null)
    {
        Config = (config ?? new EmaConfig()).Validated();
        foreach (var (name, t) in model.state_dict()) _shadow[name] = t.detach().clone().DetachFromDisposeScope();
        _averaged = AveragedNames(model);
    }

    /// <summary>The shadow weights by state_dict name; <see cref="Step"/> and <see cref="Load"/> update them in place.</summary>
    public IReadOnlyDictionary<string, Tensor> Shadow => _shadow;

    /// <summary>diffusion_policy's get_decay: 0 while s = optimizationStep − UpdateAfterStep − 1 ≤ 0, then 1 − (1 + s/γ⁻¹)^(−p) clipped.</summary>
    public static double DecayAt(long optimizationStep, EmaConfig config)
    {
        var s = Math.Max(0, optimizationStep - config.UpdateAfterStep - 1);
        if (s <= 0) return 0.0;
        var value = 1 - Math.Pow(1 + s / config.InvGamma, -config.Power);
        return Math.Max(config.MinValue, Math.Min(value, config.MaxValue));
    }

    /// <summary>Folds the module's current weights into the average.</summary>
    public void Step(nn.Module model)
    {
        Decay = DecayAt(OptimizationStep, Config);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, current) in model.state_dict())
        {
            var shadow = ShadowOf(name);
            if (_averaged.Contains(name)) shadow.mul_(Decay).add_(current.to(shadow.dtype), alpha: 1 - Decay);
            else shadow.copy_(current);
        }
        OptimizationStep++;
    }

    /// <summary>Copies the shadow weights into <paramref name="model"/> (e.g. a separate copy used for sampling).</summary>
    public void CopyTo(nn.Module model) => Checkpoints.ModuleState.CopyInto(model.state_dict(), _shadow, "EMA shadow");

    /// <summary>
    /// Swaps the averaged weights into <paramref name="model"/> until the returned handle is disposed, which puts the
    /// trained weights back: <c>using (ema.SwapIn(model)) Evaluate();</c>
    /// </summary>
    public IDisposable SwapIn(nn.Module model)
    {
        var saved = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
        CopyTo(model);
        return new Restore(model, saved);
    }

    /// <summary>Replaces the shadow and step counter, e.g. from a checkpoint; names, shapes and dtypes must match.</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> shadow, long optimizationStep)
    {
        Checkpoints.ModuleState.CopyInto(_shadow, shadow, "EMA state");
        OptimizationStep = optimizationStep;
        Decay = optimizationStep == 0 ? 0.0 : DecayAt(optimizationStep - 1, Config);
    }

    public void Dispose()
    {
        foreach (var t in _shadow.Values) t.Dispose();
        _shadow.Clear();
    }

    private Tensor ShadowOf(string name) => _shadow.TryGetValue(name, out var t) ? t
        : throw new InvalidOperationException($"EMA has no shadow for '{name}'; the module changed after the EMA was created.");

    private static HashSet<string> AveragedNames(nn.Module model)
    {   // Trainable parameters are averaged; BatchNorm's are copied, as in the original.
        var batchNorm = new HashSet<string>();
        foreach (var (prefix, module) in model.named_modules().Prepend(("", model)))
            if (module is BatchNorm)
                foreach (var (name, _) in module.named_parameters(recurse: false))
                    batchNorm.Add(prefix.Length == 0 ? name : $"{prefix}.{name}");
        return [.. model.named_parameters().Where(p => p.parameter.requires_grad && !batchNorm.Contains(p.name)).Select(p => p.name)];
    }

    private sealed class Restore(nn.Module model, Dictionary<string, Tensor> saved) : IDisposable
    {
        public void Dispose()
        {
            Checkpoints.ModuleState.CopyInto(model.state_dict(), saved, "saved weights");
            foreach (var t in saved.Values) t.Dispose();
        }
    }
}
