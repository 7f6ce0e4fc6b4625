using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Envs.PushT;

/// <summary>
/// Colours are CSS/pygame named colours; the block fill and the agent core use diffusion_policy's pymunk_override
/// light_color (×1.2 per channel, capped at 255, truncated): LightSlateGray (119,136,153) → (142,163,183),
/// RoyalBlue (65,105,225) → (78,126,255). A 96-pixel column d samples the 512 canvas at (d + 0.5)·512/96 − 0.5.
/// </summary>
public sealed class PushTRenderTests
{
    private static PushTEnv SceneWithAgentAt100x400AndBlockAt400x100()
    {
        var env = new PushTEnv();
        env.ResetToState([100, 400, 400, 100, 0]);
        return env;
    }

    [Theory]
    [InlineData(48, 85, 255, 255, 255)]     // background
    [InlineData(37, 57, 144, 238, 144)]     // goal stem, world (199.1, 306.6): LightGreen
    [InlineData(75, 32, 142, 163, 183)]     // block stem, world (402.2, 172.8): light LightSlateGray
    [InlineData(18, 75, 78, 126, 255)]      // agent core, world (98.2, 402.2): light RoyalBlue
    public void Image_has_the_named_colors_at_known_pixels(int x, int y, int r, int g, int b)
    {
        using var env = SceneWithAgentAt100x400AndBlockAt400x100();
        var frame = env.Render();
        Assert.Equal((96, 96), (frame.Width, frame.Height));
        Assert.Equal(((byte)r, (byte)g, (byte)b), frame[x, y]);
    }

    [Fact]
    public void Image_observation_is_channels_first_in_unit_range()
    {
        using var env = new PushTEnv(new PushTConfig { ObservationType = PushTObservationType.Image });
        var obs = env.ResetToState([100, 400, 400, 100, 0]);
        Assert.NotNull(obs.Image);
        Assert.Equal(3 * 96 * 96, obs.Image.Length);
        var plane = 96 * 96;
        var p = 75 * 96 + 18;                                     // agent core pixel (18, 75)
        Assert.Equal([78 / 255f, 126 / 255f, 1f], new[] { obs.Image[p], obs.Image[plane + p], obs.Image[2 * plane + p] });
        Assert.Equal([100.0, 400.0], obs.Vector);
    }
}
