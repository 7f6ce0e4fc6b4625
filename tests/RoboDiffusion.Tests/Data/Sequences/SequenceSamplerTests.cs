using RoboDiffusion.Data;
using RoboDiffusion.Data.Sequences;
using RoboDiffusion.Runtime;

namespace RoboDiffusion.Tests.Data.Sequences;

public sealed class SequenceSamplerTests
{
    public SequenceSamplerTests() => TorchRuntime.Initialize();

    private static readonly FeatureSpec[] Features = [FeatureSpec.Floats("action", 2), FeatureSpec.Floats("observation.state", 1)];

    // Frame t of episode e holds action [100e + t, −(100e + t)] and state [1000e + t]: every value names its frame.
    private static FrameTable Table(params int[] lengths)
    {
        var episodes = lengths.Select((n, e) =>
        {
            var b = new EpisodeBuilder(Features, "test");
            for (var t = 0; t < n; t++)
            {
                b.Append("action", new float[] { 100 * e + t, -(100 * e + t) });
                b.Append("observation.state", new float[] { 1000 * e + t });
            }
            return b.Build();
        }).ToList();
        return new EpisodeDataset(10, Features, episodes).ToFrameTable();
    }

    private static SequenceSampler Sampler(FrameTable table, int h, int p, int a) => new(table, h, p, a, ["action", "observation.state"]);

    // create_indices loops idx over range(−p, L − H + a + 1), so an episode gives L + p + a − H + 1 windows when
    // that is positive and none otherwise.
    [Theory]
    [InlineData(10, 4, 1, 3, 11)]
    [InlineData(16, 16, 1, 7, 9)]     // Push-T: To = 2, Ta = 8, Tp = 16
    [InlineData(3, 4, 1, 1, 2)]       // shorter than the window, padding on both sides
    [InlineData(5, 16, 1, 7, 0)]      // too short even with padding
    [InlineData(7, 1, 0, 0, 7)]
    public void Window_count_of_an_episode_is_length_plus_pads_minus_horizon_plus_one(int length, int h, int p, int a, int expected)
    {
        Assert.Equal(expected, Sampler(Table(length), h, p, a).Count);
        Assert.Equal(expected, SequenceSampler.WindowCount(length, h, p, a));
        Assert.Equal(2 * expected, Sampler(Table(length, length), h, p, a).Count);
    }

    [Fact]
    public void First_window_of_an_episode_repeats_frame_zero_pad_before_times()
    {
        var sampler = Sampler(Table(5, 7), h: 6, p: 2, a: 3);
        Assert.Equal([0f, 0f, 0f, 1f, 2f, 3f], sampler.Sample(0, "observation.state"));
        Assert.Equal([0f, -0f, 0f, -0f, 0f, -0f, 1f, -1f, 2f, -2f, 3f, -3f], sampler.Sample(0, "action"));
        // episode 1 starts after episode 0's L + p + a − H + 1 = 5 windows
        Assert.Equal([1000f, 1000f, 1000f, 1001f, 1002f, 1003f], sampler.Sample(5, "observation.state"));
    }

    [Fact]
    public void Last_window_of_an_episode_repeats_the_last_frame()
    {
        var sampler = Sampler(Table(5, 7), h: 6, p: 2, a: 3);
        // last start is L − H + a = 2 for episode 0: frames 2, 3, 4 then frame 4 three more times
        Assert.Equal([2f, 3f, 4f, 4f, 4f, 4f], sampler.Sample(4, "observation.state"));
        Assert.Equal([1004f, 1005f, 1006f, 1006f, 1006f, 1006f], sampler.Sample(sampler.Count - 1, "observation.state"));
    }

    [Fact]
    public void Windows_never_cross_episode_boundaries()
    {
        var sampler = Sampler(Table(5, 7, 3), h: 4, p: 1, a: 3);
        for (var i = 0; i < sampler.Count; i++)
        {
            var s = sampler.Sample(i, "observation.state");
            Assert.Single(s.Select(v => (int)v / 1000).Distinct());                     // one episode per window
            for (var t = 1; t < s.Length; t++) Assert.Contains(s[t] - s[t - 1], new[] { 0f, 1f }); // repeat or next frame
        }
    }

    [Fact]
    public void Batch_stacks_windows_into_B_by_Tp_by_D_tensors()
    {
        var sampler = Sampler(Table(5, 7), h: 6, p: 2, a: 3);
        var batch = sampler.Batch([3, 0, 7]);
        Assert.Equal(new long[] { 3, 6, 2 }, batch["action"].shape);
        Assert.Equal(new long[] { 3, 6, 1 }, batch["observation.state"].shape);
        Assert.Equal(sampler.Sample(7, "action"), batch["action"][2].flatten().data<float>().ToArray());
        Assert.Equal(sampler.Sample(3, "observation.state"), batch["observation.state"][0].flatten().data<float>().ToArray());
        foreach (var t in batch.Values) t.Dispose();
    }

    [Fact]
    public void Episode_mask_keeps_only_the_selected_episodes()
    {
        var sampler = new SequenceSampler(Table(5, 7), 6, 2, 3, ["observation.state"], [false, true]);
        Assert.Equal(7 + 2 + 3 - 6 + 1, sampler.Count);
        Assert.Equal(1000f, sampler.Sample(0, "observation.state")[0]);
    }

    [Fact]
    public void Bad_arguments_get_clear_errors()
    {
        var table = Table(5);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler(table, h: 4, p: 4, a: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler(table, h: 4, p: 0, a: -1));
        var e = Assert.Throws<KeyNotFoundException>(() => new SequenceSampler(table, 4, 1, 1, ["actions"]));
        Assert.Contains("observation.state", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler(table, 4, 1, 1).Sample(99, "action"));
    }
}
