using System.Text.Json;
using System.Text.Json.Nodes;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Data.Normalization;
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

    /// <summary>
    /// Builds a trained model from a checkpoint or model folder, as every method stores one: config.json's "model"
    /// section, the normalizer file beside it, and the weights (EMA when present) loaded into <paramref name="module"/>
    /// of the built owner, which is put in eval mode (and disposed when loading fails).
    /// </summary>
    /// <param name="dir">The folder.</param>
    /// <param name="what">What the folder holds, for messages ("Policy", "Planner", …).</param>
    /// <param name="normalizerFile">The normalizer's file name.</param>
    /// <param name="create">Builds the owner from the config and normalizer.</param>
    /// <param name="module">The owner's module that receives the weights.</param>
    public static TOwner LoadFolder<TConfig, TOwner>(string dir, string what, string normalizerFile,
        Func<TConfig, NormalizerSet, TOwner> create, Func<TOwner, nn.Module> module) where TOwner : IDisposable
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{what} folder '{dir}' does not exist.");
        var config = ReadModelConfig<TConfig>(dir);
        var normalizerPath = Path.Combine(dir, normalizerFile);
        if (!File.Exists(normalizerPath)) throw new FileNotFoundException($"{what} folder '{dir}' has no {normalizerFile}.", normalizerPath);
        var owner = create(config, NormalizerSet.Load(normalizerPath));
        try { Load(module(owner), dir); }
        catch { owner.Dispose(); throw; }
        module(owner).eval();
        return owner;
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
