using System.CommandLine;
using System.Globalization;
using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Planners.Diffuser;
using static TorchSharp.torch;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// `robodiff plan maze2d --maze M --policy PATH --start x,y [--goal x,y] --out plan.png [--sampler S --steps K]
/// [--value DIR [--guide-scale S]] [--no-goal]`: one Diffuser plan from a standing start to the goal (or, with --no-goal,
/// from the start only, the maze's goal drawn for reference), optionally value-guided, with its denoising drawn over the maze.
/// </summary>
internal static class Maze2DPlanCommand
{
    /// <summary>The `plan` verb with its `maze2d` subcommand.</summary>
    public static Command BuildVerb() => new("plan", "Plan trajectories with a trained planner and draw them.") { Build() };

    public static Command Build()
    {
        var maze = new Option<string>("--maze") { DefaultValueFactory = _ => "umaze", Description = "umaze | medium | large" };
        var policy = new Option<string>("--policy") { Required = true, Description = "A trained Diffuser folder" };
        var start = new Option<string>("--start") { Required = true, Description = "Start position x,y (observation coordinates; velocity 0)" };
        var goal = new Option<string?>("--goal") { Description = "Goal position x,y (default: the maze's goal cell)" };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "Output .png" };
        var sampler = new Option<string?>("--sampler") { Description = "Sampler (default: the planner's); e.g. dpmpp_2m" };
        var steps = new Option<int?>("--steps") { Description = "Sampler steps (default: the planner's; 20 when --sampler is given)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the sampler's noise" };
        var sNoise = Maze2DEvalCommand.SNoiseOption();
        var guide = new Maze2DGuidanceOptions();
        var command = new Command("maze2d",
            "Plan in Maze2D and draw the denoising over the maze.\nExample: robodiff plan maze2d --maze umaze --policy models/diffuser_maze2d_umaze --start 3,1 --goal 1,1 --out plan.png")
        {
            maze, policy, start, goal, output, sampler, steps, sNoise, seed,
        };
        foreach (var option in guide.All) command.Options.Add(option);
        command.SetAction(r => CliErrors.Guard("plan maze2d", () =>
        {
            var m = Maze2DLayouts.Parse(r.GetValue(maze)!);
            using var planner = DiffuserPlanner.Load(r.GetValue(policy)!);
            var inference = Maze2DEvalCommand.Inference(planner, r.GetValue(sampler), r.GetValue(steps), r.GetValue(sNoise));
            var noGoal = r.GetValue(guide.NoGoal);
            if (noGoal && r.GetValue(goal) is not null) throw new ArgumentException("--goal and --no-goal exclude each other.");
            var g = r.GetValue(goal) is { } text ? ParsePoint(text, "--goal") : DefaultGoal(m);
            var (value, guidance) = guide.Load(r, planner);
            using (value)
                return Run(planner, m, ParsePoint(r.GetValue(start)!, "--start"), g, r.GetValue(output)!.FullName, inference, r.GetValue(seed),
                    guidance, noGoal);
        }));
        return command;
    }

    internal static int Run(DiffuserPlanner planner, Maze2DMaze maze, (double X, double Y) start, (double X, double Y) goal, string path,
        Policies.DiffusionPolicy.PolicyInference inference, long seed, PlanGuidance? guidance = null, bool noGoal = false)
    {
        var layout = Maze2DLayouts.Layout(maze);
        if (!Maze2DGeometry.IsFree(layout, start.X, start.Y))
            throw new ArgumentException($"Start ({start.X}, {start.Y}) puts the ball inside a wall or outside maze '{layout.Name}'; " +
                                        $"free cells (as x, y): {string.Join(" ", layout.ResetCells)}.");
        if (!Maze2DGeometry.IsFree(layout, goal.X, goal.Y, radius: 0))
            throw new ArgumentException($"Goal ({goal.X}, {goal.Y}) lies inside a wall or outside maze '{layout.Name}'.");
        var da = planner.Config.ActionDim;
        var steps = new List<IReadOnlyList<(double X, double Y)>>();
        using var generator = new Generator((ulong)seed);
        using var starts = tensor(new[] { start.X, start.Y, 0, 0 }, [1, 4]);
        using var goals = noGoal ? null : tensor(new[] { goal.X, goal.Y }, [1, 2]);
        using var plan = planner.Plan(starts, goals, generator, inference, guidance, onDenoised: (_, x0) =>
        {
            steps.Add(Positions(x0, da));
            x0.Dispose();
        });
        steps.Add(Positions(plan, da));
        Maze2DPlanImage.Save(layout, start, goal, steps, path);
        var end = steps[^1][^1];
        Console.Error.WriteLine($"plan maze2d: {layout.Name}, ({start.X}, {start.Y}) → ({goal.X}, {goal.Y}){Maze2DGuidanceOptions.Label(guidance, noGoal)}, " +
                                $"plan ends at ({end.X:F2}, {end.Y:F2}), {steps.Count - 1} denoising steps -> {path}");
        return 0;
    }

    /// <summary>"x,y" as two finite numbers (invariant culture).</summary>
    internal static (double X, double Y) ParsePoint(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && double.IsFinite(x) && double.IsFinite(y))
            return (x, y);
        throw new ArgumentException($"{option} must be two numbers 'x,y' (e.g. 3,1), got '{text}'.");
    }

    private static (double X, double Y) DefaultGoal(Maze2DMaze maze)
    {
        var layout = Maze2DLayouts.Layout(maze);
        var g = layout.Goal ?? layout.ResetCells[0];
        return (g.Row, g.Col);
    }

    private static List<(double X, double Y)> Positions(Tensor trajectory, int actionDim)
    {
        var xy = trajectory[0].narrow(1, actionDim, 2).to(ScalarType.Float64).contiguous().data<double>().ToArray();   // [H·2]
        return [.. Enumerable.Range(0, xy.Length / 2).Select(h => (xy[2 * h], xy[2 * h + 1]))];
    }
}
