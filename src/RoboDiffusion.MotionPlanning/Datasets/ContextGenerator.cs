using RoboDiffusion.MotionPlanning.Planners;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Datasets;

/// <summary>
/// MPD's demonstration data (Carvalho et al., IROS 2023, Sec. V-A; mpd-public generate_data): random collision-free
/// start/goal pairs at least 1.0 apart, each planned several times by a planner (the RRT-Connect → GPMP2 hybrid),
/// keeping only collision-free trajectories. Contexts run in parallel; each has its own seed, so the output does not
/// depend on scheduling.
/// </summary>
public static class ContextGenerator
{
    public static IReadOnlyList<PlanningContext> Generate(World world, IMotionPlanner planner, ContextGeneratorOptions options, Action? contextDone = null)
    {
        options = options.Validated();
        var contexts = new PlanningContext[options.Contexts];
        var budget = PlannerBudget.Seconds(options.TimeLimitSeconds);
        Parallel.For(0, options.Contexts, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, c =>
        {
            var random = new Random(ContextSeed(options.Seed, c));
            var (start, goal) = SampleQuery(world, options, random);
            var kept = new List<Trajectory>();
            for (var k = 0; k < options.PerContext; k++)
            {
                var result = planner.Plan(world, start, goal, budget, random.Next());
                if (result.Success) kept.Add(result.Trajectory!);
            }
            contexts[c] = new PlanningContext(c, start, goal, kept, options.PerContext);
            contextDone?.Invoke();
        });
        return contexts;
    }

    /// <summary>A start and goal with clearance robot margin + cutoff margin, at least MinDistance apart.</summary>
    public static (Point2 Start, Point2 Goal) SampleQuery(World world, ContextGeneratorOptions options, Random random)
    {
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var (s, g) = (Sample(world, random), Sample(world, random));
            if (Clear(world, s, options) && Clear(world, g, options) && s.DistanceTo(g) >= options.MinDistance) return (s, g);
        }
        throw new InvalidOperationException($"World '{world.Name}' has no free start/goal pair {options.MinDistance} apart (100000 tries).");
    }

    private static bool Clear(World world, Point2 p, ContextGeneratorOptions o) => world.IsFree(p) && world.SignedDistance(p) > world.RobotMargin + o.CutoffMargin;

    private static Point2 Sample(World world, Random random) =>
        new(world.Min.X + random.NextDouble() * (world.Max.X - world.Min.X), world.Min.Y + random.NextDouble() * (world.Max.Y - world.Min.Y));

    /// <summary>A seed for context c that differs across (seed, c) pairs (splitmix-style mixing).</summary>
    private static int ContextSeed(int seed, int c)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)c + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
