using System.Text.Json;
using RoboDiffusion.Cli.Bench;
using RoboDiffusion.Cli.PointWorlds;
using RoboDiffusion.MotionPlanning.Costs;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Cli.PointWorlds;

[Collection("Console")]
public sealed class MpdCliTests(MpdPolicyFixture policies) : IClassFixture<MpdPolicyFixture>
{
    [Fact]
    public void Cost_term_gradient_matches_the_motion_planning_cost()
    {
        var world = WorldRegistry.Load("dense2d");
        var spec = TrajectorySpec.Default;
        var cost = new CompositeCost(new CollisionCost(world, spec), new GpPriorCost(spec));
        var random = new Random(2);
        var lines = Enumerable.Range(0, 3).Select(_ => TrajectoryBuilder.PerturbedLine(new Point2(-0.9, -0.9), new Point2(0.9, 0.8), spec, 0.2, random)).ToList();
        var g = new double[3 * spec.Size];
        MpdCosts.Term(cost, spec, 1.0).Gradient(lines.SelectMany(t => t.States).ToArray(), g);
        for (var b = 0; b < 3; b++)
        {
            var expected = new double[spec.Size];
            cost.Evaluate(lines[b].States, expected);
            Assert.Contains(expected, v => v != 0);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], g[b * spec.Size + i], 1e-12);
        }
    }

    [Fact]
    public void Plan_points_with_mpd_draws_every_sample_to_a_picture()
    {
        var dir = Directory.CreateTempSubdirectory("rd-mpd-plan").FullName;
        try
        {
            var (png, npy) = (Path.Combine(dir, "plan.png"), Path.Combine(dir, "traj.npy"));
            PointsPlanCommand.Run(new PointsPlanSettings("simple2d", (-0.9, -0.9), (0.9, 0.75), "mpd", 4, 0, 10, png, null, policies.Policy), TextWriter.Null);
            Assert.True(new FileInfo(png).Length > 1000);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Start_inside_an_obstacle_is_a_clear_error_for_mpd()
    {
        // (-0.4338, 0.3335) is the centre of a circle of simple2d.
        var e = Assert.Throws<ArgumentException>(() => PointsPlanCommand.Run(
            new PointsPlanSettings("simple2d", (-0.4338, 0.3335), (0.9, 0.75), "mpd", 2, 0, 10, null, null, policies.Policy), TextWriter.Null));
        Assert.Contains("inside an obstacle", e.Message);
    }

    [Fact]
    public void A_policy_of_another_horizon_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => new MpdPointPlanner(policies.ShortPolicy, TrajectorySpec.Default));
        Assert.Contains("[32, 4]", e.Message);
        Assert.Contains("[64, 4]", e.Message);
    }

    [Fact]
    public void Unknown_planner_and_missing_policy_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentException>(() => PointsPlanCommand.Run(
            new PointsPlanSettings("simple2d", (-0.9, -0.9), (0.9, 0.75), "rrt*", 1, 0, 1, null, null), TextWriter.Null));
        Assert.Contains("rrtconnect, gpmp2, chomp, hybrid, mpd", e.Message);
        var missing = Assert.Throws<ArgumentException>(() => PointsPlanCommand.Run(
            new PointsPlanSettings("simple2d", (-0.9, -0.9), (0.9, 0.75), "mpd", 1, 0, 1, null, null), TextWriter.Null));
        Assert.Contains("--policy", missing.Message);
    }

    [Fact]
    public void Bench_planners_on_3_queries_writes_one_json_entry_per_planner()
    {
        var json = Path.Combine(Path.GetTempPath(), $"rd-bench-planners-{Guid.NewGuid():N}.json");
        try
        {
            var code = PlannersBenchCommand.Run("simple2d", 3, policies.Policy, 2, null, null, json);
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var names = doc.RootElement.GetProperty("planners").EnumerateArray().Select(p => p.GetProperty("planner").GetString()).ToList();
            Assert.Equal(["rrtconnect", "gpmp2", "chomp", "hybrid", "mpd"], names);
            Assert.Equal(3, doc.RootElement.GetProperty("queries").GetInt32());
            var rrt = doc.RootElement.GetProperty("planners")[0];
            Assert.InRange(rrt.GetProperty("success").GetDouble(), 0, 1);
            Assert.Equal(1, rrt.GetProperty("samples").GetInt32());
            Assert.NotEqual(1, doc.RootElement.GetProperty("planners")[4].GetProperty("samples").GetInt32());   // MPD's batch
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void Bench_planners_with_samples_plans_that_many_distinct_trajectories_per_query()
    {
        var json = Path.Combine(Path.GetTempPath(), $"rd-bench-planners-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, PlannersBenchCommand.Run("simple2d", 2, null, 2, "rrtconnect", 4, json));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var rrt = doc.RootElement.GetProperty("planners")[0];
            Assert.Equal(4, rrt.GetProperty("samples").GetInt32());
            Assert.True(rrt.GetProperty("waypoint_variance").GetDouble() > 0, "four seeded RRT-Connect plans should differ");
            Assert.Throws<ArgumentException>(() => PlannersBenchCommand.Run("simple2d", 2, null, 2, "rrtconnect", 0, json));
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void Bench_planners_runs_mpd_with_another_core_sampler_and_names_it_in_the_row()
    {
        var json = Path.Combine(Path.GetTempPath(), $"rd-bench-planners-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, PlannersBenchCommand.Run("simple2d", 2, policies.Policy, 2, "mpd", 3, json, "ddim", 4));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var mpd = doc.RootElement.GetProperty("planners")[0];
            Assert.Equal("mpd ddim×4", mpd.GetProperty("planner").GetString());
            Assert.Equal(3, mpd.GetProperty("samples").GetInt32());
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public void Sampler_options_pick_a_core_sampler_and_unknown_names_list_the_valid_ones()
    {
        Assert.Null(MpdPointPlanner.Inference(null, null));
        var ddim = MpdPointPlanner.Inference("ddim", 10)!;
        Assert.Equal((RoboDiffusion.Diffusion.Samplers.SamplerKind.Ddim, 10), (ddim.Sampler, ddim.Steps));
        Assert.Contains("dpmpp_2m", Assert.Throws<ArgumentException>(() => MpdPointPlanner.Inference("foo", 10)).Message);
    }

    [Fact]
    public void Held_out_queries_are_free_and_at_least_one_apart()
    {
        var world = WorldRegistry.Load("dense2d");
        foreach (var (s, g) in PlannersBench.Queries(world, 20))
        {
            Assert.True(world.IsFree(s) && world.IsFree(g));
            Assert.True(s.DistanceTo(g) >= 1.0);
        }
    }
}
