using RoboDiffusion.Data;

namespace RoboDiffusion.Tests.Data.LeRobot;

/// <summary>Small deterministic datasets and temporary folders for the dataset tests.</summary>
internal static class TinyDatasets
{
    /// <summary>Push-T features with arbitrary (seeded) values; episodes of the given lengths, images of size 4 when asked.</summary>
    public static EpisodeDataset PushT(int[] lengths, bool images = false, int seed = 0)
    {
        var rng = new Random(seed);
        var features = PushTFeatures.Create(images ? 4 : null);
        var episodes = lengths.Select(n =>
        {
            var b = new EpisodeBuilder(features, PushTFeatures.Task);
            for (var i = 0; i < n; i++)
            {
                b.Append(PushTFeatures.State, Floats(rng, 2));
                b.Append(PushTFeatures.EnvironmentState, Floats(rng, 3));
                b.Append(PushTFeatures.Keypoints, Floats(rng, 18));
                b.Append(PushTFeatures.Action, Floats(rng, 2));
                b.Append(PushTFeatures.Reward, [(float)rng.NextDouble()]);
                b.Append(PushTFeatures.Done, i == n - 1);
                b.Append(PushTFeatures.Success, rng.Next(2) == 1);
                if (images)
                {
                    var px = new byte[4 * 4 * 3];
                    rng.NextBytes(px);
                    b.AppendImage(PushTFeatures.Image, px);
                }
            }
            return b.Build();
        }).ToList();
        return new EpisodeDataset(PushTFeatures.Fps, features, episodes, PushTFeatures.RobotType);
    }

    // Values with full float32 mantissas, so a lossy round trip would show.
    private static float[] Floats(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 512 - 1e-3))];

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rd-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
