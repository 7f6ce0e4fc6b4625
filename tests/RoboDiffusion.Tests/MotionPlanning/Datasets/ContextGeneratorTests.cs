using RoboDiffusion.MotionPlanning.Datasets;
using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Datasets;

public sealed class ContextGeneratorTests
{
    private static readonly ContextGeneratorOptions Small = new() { Contexts = 3, PerContext = 2, Seed = 5 };

    [Fact]
    public void Contexts_are_free_far_apart_and_keep_only_free_trajectories_ending_at_their_goal()
    {
        var world = WorldRegistry.Load("dense2d");
        foreach (var c in ContextGenerator.Generate(world, new HybridPlanner(), Small))
        {
            Assert.True(c.Start.DistanceTo(c.Goal) >= 1.0);
            Assert.True(world.SignedDistance(c.Start) > 0.03 && world.SignedDistance(c.Goal) > 0.03);
            Assert.All(c.Trajectories, t =>
            {
                Assert.True(TrajectoryCollision.IsFree(world, t));
                Assert.True(t.Position(t.Length - 1).DistanceTo(c.Goal) < 1e-3);
            });
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_number_of_threads()
    {
        var world = WorldRegistry.Load("simple2d");
        var one = ContextGenerator.Generate(world, new RrtConnectPlanner(), Small with { MaxDegreeOfParallelism = 1 });
        var two = ContextGenerator.Generate(world, new RrtConnectPlanner(), Small with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Select(c => c.Start), two.Select(c => c.Start));
        Assert.Equal(one.SelectMany(c => c.Trajectories.SelectMany(t => t.States)), two.SelectMany(c => c.Trajectories.SelectMany(t => t.States)));
    }
}
