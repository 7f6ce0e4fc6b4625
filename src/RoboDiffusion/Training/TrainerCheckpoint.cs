using RoboDiffusion.Data.Io;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RoboDiffusion.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// The files of a trainer checkpoint: model.safetensors, ema.safetensors, optimizer.safetensors (AdamW moments and step
/// counts), config.json ({"train": …, "model": …}) and trainer_state.json (step, seed, EMA step). RNG state needs no file:
/// every generator is reseeded from (seed, step) — see <see cref="SeedStreams"/>.
/// </summary>
internal static class TrainerCheckpoint
{
    private const int Format = 1;

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,   // a misspelt key is an error, not a default
    };

    public sealed record State(int Format, long Step, long Seed, long? EmaOptimizationStep);

    public sealed record Parts(nn.Module Model, EmaModel? Ema, AdamW Optimizer, IReadOnlyList<string> ParamNames);

    public static void Write(string dir, Parts parts, long step, TrainConfig config, object? modelConfig)
    {
        using var scope = NewDisposeScope();
        var meta = new Dictionary<string, string> { ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Safetensors.Save(Path.Combine(dir, CheckpointStore.ModelFile), parts.Model.state_dict(), meta);
        if (parts.Ema is not null) Safetensors.Save(Path.Combine(dir, CheckpointStore.EmaFile), parts.Ema.Shadow, meta);
        Safetensors.Save(Path.Combine(dir, CheckpointStore.OptimizerFile), AdamWState.Export(parts.Optimizer, parts.ParamNames), meta);
        var configJson = new JsonObject
        {
            ["train"] = JsonSerializer.SerializeToNode(config, Json),
            ["model"] = modelConfig is null ? null : JsonSerializer.SerializeToNode(modelConfig, modelConfig.GetType(), Json),
        };
        AtomicFile.WriteText(Path.Combine(dir, CheckpointStore.ConfigFile), configJson.ToJsonString(Json));
        var state = new State(Format, step, config.Seed, parts.Ema?.OptimizationStep);
        AtomicFile.WriteText(Path.Combine(dir, CheckpointStore.TrainerStateFile), JsonSerializer.Serialize(state, Json));
    }

    /// <summary>
    /// Restores model, EMA and optimizer from <paramref name="dir"/>. A folder without optimizer.safetensors (a shipped
    /// model: what <c>models/</c> holds) restores as a warm start: the model starts at the weights it would sample with
    /// (ema.safetensors, else model.safetensors, as <see cref="TrainedWeights.Load"/> picks them), the EMA at
    /// ema.safetensors (else at those weights), Adam's moments at zero, unless <paramref name="requireExact"/> (a run's
    /// own checkpoint: a missing optimizer or EMA file is damage). Returns the step it was saved at and whether the optimizer state was restored.
    /// </summary>
    public static (long Step, bool Exact) Read(string dir, Parts parts, TrainConfig config, bool requireExact)
    {
        var state = ReadState(dir);
        if (state.Seed != config.Seed)
            throw new InvalidOperationException(
                $"Checkpoint '{dir}' was trained with seed {state.Seed} but the config has seed {config.Seed}; resuming would change the data order.");
        var exact = requireExact || File.Exists(Path.Combine(dir, CheckpointStore.OptimizerFile));
        var weights = TrainedWeights.Load(parts.Model, dir, preferEma: !exact);   // a warm start takes the sampling weights
        if (parts.Ema is not null)
        {
            if (exact || File.Exists(Path.Combine(dir, CheckpointStore.EmaFile)))
                LoadEma(parts, Require(dir, CheckpointStore.EmaFile), state.EmaOptimizationStep
                    ?? throw new InvalidDataException($"'{dir}/{CheckpointStore.TrainerStateFile}' has no EMA step."));
            else LoadEma(parts, weights, 0);   // a model folder of a run without EMA: the average starts at its weights
        }
        if (!exact) return (state.Step, false);
        using var optimizer = Safetensors.Load(Require(dir, CheckpointStore.OptimizerFile));
        AdamWState.Import(parts.Optimizer, parts.ParamNames, optimizer.Tensors, Path.Combine(dir, CheckpointStore.OptimizerFile));
        return (state.Step, true);
    }

    private static void LoadEma(Parts parts, string path, long optimizationStep)
    {
        using var shadow = Safetensors.Load(path);
        parts.Ema!.Load(shadow.Tensors, optimizationStep);
    }

    private static State ReadState(string dir)
    {
        var path = Require(dir, CheckpointStore.TrainerStateFile);
        State? state;
        try { state = JsonSerializer.Deserialize<State>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not valid trainer state JSON: {e.Message}", e); }
        if (state is null || state.Format != Format)
            throw new InvalidDataException($"'{path}' has format {state?.Format}, expected {Format}.");
        return state;
    }

    private static string Require(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Checkpoint '{dir}' has no {file}.", path);
    }
}
