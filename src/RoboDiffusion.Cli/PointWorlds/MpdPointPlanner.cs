using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Planners.Mpd;
using RoboDiffusion.Policies.DiffusionPolicy;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.PointWorlds;

/// <summary>A trained MPD prior as a planner of MPD's 2-D worlds: one query → a batch of trajectories sampled with cost guidance.</summary>
internal sealed class MpdPointPlanner : IDisposable
{
    private readonly MpdPlanner _planner;

    /// <summary>Loads the planner folder and checks that it plans trajectories of <paramref name="spec"/>.</summary>
    public MpdPointPlanner(string policyDir, TrajectorySpec spec, bool guided = true, PolicyInference? inference = null)
    {
        TorchRuntime.Initialize();
        _planner = MpdPlanner.Load(policyDir);
        var c = _planner.Config;
        if (c.Horizon != spec.SupportPoints || c.StateDim != Trajectory.StateDim)
        {
            _planner.Dispose();
            throw new ArgumentException($"Policy '{policyDir}' plans [{c.Horizon}, {c.StateDim}] trajectories; the point worlds need [{spec.SupportPoints}, {Trajectory.StateDim}].");
        }
        (Spec, Guided, Sampling) = (spec, guided, inference);
    }

    public TrajectorySpec Spec { get; }
    public bool Guided { get; }
    public PolicyInference? Sampling { get; }
    public int DefaultSamples => _planner.Config.Samples;

    /// <summary>Samples <paramref name="samples"/> trajectories from start to goal (both at rest) in one batch; returns them and the wall time.</summary>
    public (IReadOnlyList<Trajectory> Trajectories, TimeSpan Time) Plan(World world, Point2 start, Point2 goal, int samples, int seed)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var guidance = Guided ? MpdCosts.Guidance(world, Spec) : null;
        var x = _planner.Sample(tensor(new[] { start.X, start.Y }).view(1, 2), tensor(new[] { goal.X, goal.Y }).view(1, 2),
            generator, samples, guidance, Sampling);                                                  // [n, H, 4]
        var flat = x.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var size = Spec.Size;
        var trajectories = Enumerable.Range(0, samples).Select(i => new Trajectory(flat[(i * size)..((i + 1) * size)], Spec)).ToList();
        return (trajectories, clock.Elapsed);
    }

    /// <summary>The sampler of --sampler/--steps (linspace σ grid over the training schedule), or null for the policy's default.</summary>
    public static PolicyInference? Inference(string? sampler, int? steps) => sampler is null && steps is null ? null : new PolicyInference
    {
        Sampler = sampler is null ? SamplerKind.Ddpm : SamplerRegistry.Parse(sampler), Steps = steps ?? 25, Grid = SigmaGridKind.Linspace,
    }.Validated();

    public void Dispose() => _planner.Dispose();
}
