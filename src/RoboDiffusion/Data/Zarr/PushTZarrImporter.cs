namespace RoboDiffusion.Data.Zarr;

/// <summary>
/// Imports diffusion_policy's Push-T replay buffer (pusht_cchi_v7_replay.zarr: data/state [N,5] = agent x, y,
/// block x, y, angle; data/keypoint [N,9,2]; data/action [N,2]; optional data/img [N,96,96,3]; meta/episode_ends [E])
/// into the Push-T features of <see cref="PushTFeatures"/>. The zarr holds no rewards; as LeRobot's former porting
/// script did, next.reward and next.success of frame t come from the state at t+1 (the last frame repeats its own),
/// through a coverage function (state → coverage in [0, 1]), and next.done marks each episode's last frame.
/// </summary>
public static class PushTZarrImporter
{
    /// <summary>Success threshold on coverage (pusht_env.py success_threshold).</summary>
    public const double SuccessThreshold = 0.95;

    /// <summary>
    /// Reads the zarr folder. <paramref name="coverage"/> maps a 5-value state to coverage; without it rewards are 0
    /// and success false. <paramref name="includeImages"/> imports data/img when present.
    /// </summary>
    public static EpisodeDataset Import(string root, Func<float[], double>? coverage = null, bool includeImages = true)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new DatasetFormatException(root, "zarr folder not found.");
        var state = ReadArray(root, "data/state", [-1, 5]);
        var n = (int)state.Shape[0];
        var keypoints = ReadArray(root, "data/keypoint", [n, PushTFeatures.KeypointCount, 2]);
        var action = ReadArray(root, "data/action", [n, 2]);
        var ends = ReadArray(root, "meta/episode_ends", [-1]);
        var image = includeImages && Directory.Exists(Path.Combine(root, "data", "img")) ? ReadArray(root, "data/img", [n, -1, -1, 3]) : null;
        var endValues = ends.ToInt64s();
        CheckEnds(ends.Path, endValues, n);

        var features = PushTFeatures.Create(image is null ? null : (int)image.Shape[1]);
        if (image is not null && image.Shape[1] != image.Shape[2])
            throw new DatasetFormatException(image.Path, $"images must be square, got {image.Shape[1]}x{image.Shape[2]}.");
        var s = state.ToFloats(); var k = keypoints.ToFloats(); var a = action.ToFloats();
        var episodes = new List<Episode>();
        long start = 0;
        foreach (var end in endValues)
        {
            var b = new EpisodeBuilder(features, PushTFeatures.Task);
            for (var t = start; t < end; t++)
            {
                var next = Math.Min(t + 1, end - 1);
                var c = coverage?.Invoke(s[(int)(next * 5)..(int)(next * 5 + 5)]) ?? 0;
                b.Append(PushTFeatures.State, s.AsSpan((int)(t * 5), 2));
                b.Append(PushTFeatures.EnvironmentState, s.AsSpan((int)(t * 5 + 2), 3));
                b.Append(PushTFeatures.Keypoints, k.AsSpan((int)(t * 18), 18));
                b.Append(PushTFeatures.Action, a.AsSpan((int)(t * 2), 2));
                b.Append(PushTFeatures.Reward, [(float)Math.Clamp(c / SuccessThreshold, 0, 1)]);
                b.Append(PushTFeatures.Done, t == end - 1);
                b.Append(PushTFeatures.Success, c > SuccessThreshold);
                if (image is not null) b.AppendImage(PushTFeatures.Image, Pixels(image, t));
            }
            episodes.Add(b.Build());
            start = end;
        }
        return new EpisodeDataset(PushTFeatures.Fps, features, episodes, PushTFeatures.RobotType);
    }

    /// <summary>One frame of data/img as bytes: uint8 as is, floats (0..255, as diffusion_policy stores them) rounded and clamped.</summary>
    private static byte[] Pixels(ZarrArray image, long t)
    {
        var size = (int)(image.Shape[1] * image.Shape[2] * 3);
        if (image.Metadata.DType.ItemSize == 1) return image.Data.AsSpan((int)(t * size), size).ToArray();
        var px = new byte[size];
        for (var i = 0; i < size; i++) px[i] = (byte)Math.Clamp(Math.Round(image[t * size + i]), 0, 255);
        return px;
    }

    private static ZarrArray ReadArray(string root, string name, long[] shape)
    {
        var path = Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(path)) throw new DatasetFormatException(path, $"missing array '{name}' (expected diffusion_policy's Push-T zarr layout).");
        var array = ZarrArray.Read(path);
        var ok = array.Shape.Count == shape.Length && shape.Select((d, i) => d < 0 || d == array.Shape[i]).All(x => x);
        if (!ok) throw new DatasetFormatException(path, $"shape [{string.Join(", ", array.Shape)}] does not match the expected [{string.Join(", ", shape.Select(d => d < 0 ? "*" : d.ToString()))}].");
        return array;
    }

    private static void CheckEnds(string path, long[] ends, int frames)
    {
        if (ends.Length == 0) throw new DatasetFormatException(path, "no episodes (episode_ends is empty).");
        long previous = 0;
        foreach (var e in ends)
        {
            if (e <= previous) throw new DatasetFormatException(path, $"episode_ends must be strictly increasing from above 0; found {e} after {previous}.");
            previous = e;
        }
        if (previous != frames) throw new DatasetFormatException(path, $"the last episode ends at {previous}, but data/state has {frames} frames.");
    }
}
