using RoboDiffusion.Envs.Native;
using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Tests.Envs.PushT;

public sealed class PushTWorldTests
{
    [Fact]
    public void Block_moment_is_twice_the_bar_moment_about_the_origin()
    {   // Bar 120×30 of mass 1 about its bottom-edge centre: (120² + 30²)/12 + 15² = 1500; the original adds it twice.
        using var world = new PushTWorld();
        Assert.Equal(3000, Chipmunk.cpBodyGetMoment(world.Block), 9);
        Assert.Equal(new CpVect(0, 45), Chipmunk.cpBodyGetCenterOfGravity(world.Block));
    }

    [Fact]
    public void Shapes_keep_chipmunks_default_zero_friction()
    {   // The original sets `friction` on the pymunk Body, which no shape reads.
        using var world = new PushTWorld();
        Assert.Equal(0.0, world.ShapeFrictions().Distinct().Single());
    }
}
