using System.Text.Json;
using System.Text.Json.Nodes;
using RoboDiffusion.Checkpoints;
using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>Reads what evaluation and sampling need from a trainer checkpoint directory: weights and configs.</summary>
public static class TrainedWeights
{
    /// <summary>
    /// Loads the EMA weights (diffusion_policy evaluates the EMA model) or, when <paramref name="preferEma"/> is false or
    /// the run had no EMA, the raw weights. Returns the file that was loaded.
    /// </summary>
    public static string Load(nn.Module model, string checkpointDir, bool preferEma = true)
    {
        var ema = Path.Combine(checkpointDir, CheckpointStore.EmaFile);
        var path = preferEma && File.Exists(ema) ? ema : Path.Combine(checkpointDir, CheckpointStore.ModelFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{checkpointDir}' has no {CheckpointStore.ModelFile}.", path);
        ModuleState.Load(model, path);
        return path;
    }

    /// <summary>The "model" section of config.json as <typeparamref name="T"/> (snake_case keys, enums as strings).</summary>
    public static T ReadModelConfig<T>(string checkpointDir) => Section<T>(checkpointDir, "model");

    /// <summary>The "train" section of config.json.</summary>
    public static TrainConfig ReadTrainConfig(string checkpointDir) => Section<TrainConfig>(checkpointDir, "train");

    private static T Section<T>(string checkpointDir, string key)
    {
        var path = Path.Combine(checkpointDir, CheckpointStore.ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{checkpointDir}' has no {CheckpointStore.ConfigFile}.", path);
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"'{path}' is not a JSON object.");
        var node = root[key] ?? throw new InvalidDataException($"'{path}' has no \"{key}\" section.");
        try
        {
            return node.Deserialize<T>(TrainerCheckpoint.Json)
                ?? throw new InvalidDataException($"'{path}' has a null \"{key}\" section.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The \"{key}\" section of '{path}' does not fit {typeof(T).Name}: {e.Message}", e);
        }
    }
}
