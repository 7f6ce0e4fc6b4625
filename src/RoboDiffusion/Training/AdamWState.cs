using RoboDiffusion.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// AdamW's per-parameter state (step count, first and second moments) as named tensors, so it saves as safetensors:
/// <c>exp_avg/{param}</c>, <c>exp_avg_sq/{param}</c> and a scalar I64 <c>step/{param}</c>.
/// </summary>
internal static class AdamWState
{
    public static Dictionary<string, Tensor> Export(AdamW optimizer, IReadOnlyList<string> names)
    {
        var states = States(optimizer, names);
        var result = new Dictionary<string, Tensor>();
        for (var i = 0; i < names.Count; i++)
        {
            result[$"exp_avg/{names[i]}"] = states[i].exp_avg;
            result[$"exp_avg_sq/{names[i]}"] = states[i].exp_avg_sq;
            result[$"step/{names[i]}"] = tensor(states[i].step);
        }
        return result;
    }

    public static void Import(AdamW optimizer, IReadOnlyList<string> names, IReadOnlyDictionary<string, Tensor> saved, string source)
    {
        using var scope = NewDisposeScope();   // frees the scalar step tensors Export makes for the comparison
        var states = States(optimizer, names);
        ModuleState.Validate(Export(optimizer, names), saved, source);
        using var noGrad = no_grad();
        for (var i = 0; i < names.Count; i++)
        {
            states[i].exp_avg.copy_(saved[$"exp_avg/{names[i]}"]);
            states[i].exp_avg_sq.copy_(saved[$"exp_avg_sq/{names[i]}"]);
            states[i].step = saved[$"step/{names[i]}"].item<long>();
        }
    }

    private static List<AdamW.State> States(AdamW optimizer, IReadOnlyList<string> names)
    {
        var states = optimizer.state_dict().State.Cast<AdamW.State>().ToList();
        if (states.Count != names.Count)
            throw new InvalidOperationException($"The optimizer holds {states.Count} parameters but {names.Count} names were given.");
        if (states.Any(s => s.max_exp_avg_sq is not null))
            throw new NotSupportedException("AMSGrad state is not saved; the trainer does not use AMSGrad.");
        return states;
    }
}
