using System.CommandLine;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Planners.Diffuser;

namespace RoboDiffusion.Cli.Maze2D;

/// <summary>
/// The value-guidance options shared by `eval maze2d` and `plan maze2d`: --value DIR (a `method: diffuser_value` folder),
/// --guide-scale, --guide-steps, --guide-max-norm and --no-goal (inpaint the start only). Guidance steps x̂₀ up ∇J
/// (<see cref="PlanGuidance"/>): Diffuser's 2 guide steps of scale 0.1 per denoising step (sampling/functions.py
/// n_guided_sample_fn), with the start (and goal) re-imposed after each.
/// </summary>
internal sealed class Maze2DGuidanceOptions
{
    public Option<string?> Value { get; } = new("--value") { Description = "A trained value folder (method: diffuser_value): guide every plan up its gradient" };
    public Option<double> Scale { get; } = new("--guide-scale") { DefaultValueFactory = _ => 0.1, Description = "Step size on the value gradient (Diffuser: 0.1)" };
    public Option<int> Steps { get; } = new("--guide-steps") { DefaultValueFactory = _ => 2, Description = "Gradient steps per denoising step (Diffuser: 2)" };
    public Option<double?> MaxNorm { get; } = new("--guide-max-norm") { Description = "Clip each plan's value gradient to this L2 norm (default: no clipping)" };
    public Option<bool> NoGoal { get; } = new("--no-goal") { Description = "Inpaint only the start: the last observation is left free (the value steers the plan)" };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Value, Scale, Steps, MaxNorm, NoGoal];

    /// <summary>The value folder (null without --value) and its guidance for <paramref name="planner"/>; the value is the caller's to dispose.</summary>
    public (DiffuserValue? Value, PlanGuidance? Guidance) Load(ParseResult r, DiffuserPlanner planner)
    {
        var scale = r.GetValue(Scale);
        var steps = r.GetValue(Steps);
        var maxNorm = r.GetValue(MaxNorm);
        if (r.GetValue(Value) is not { } dir)
        {
            if (r.GetResult(Scale) is { Implicit: false } || r.GetResult(Steps) is { Implicit: false } || maxNorm is not null)
                throw new ArgumentException("--guide-scale, --guide-steps and --guide-max-norm need --value DIR.");
            return (null, null);
        }
        if (!double.IsFinite(scale) || scale < 0) throw new ArgumentException($"--guide-scale must be a finite number ≥ 0, got {scale}.");
        if (steps < 1) throw new ArgumentException($"--guide-steps must be ≥ 1, got {steps}.");
        if (maxNorm is not (null or > 0)) throw new ArgumentException($"--guide-max-norm must be > 0, got {maxNorm}.");
        var value = DiffuserValue.Load(dir);
        try
        {
            return (value, value.Guidance(planner, new GradientGuidanceOptions { Scale = scale, InnerSteps = steps, MaxGradNorm = maxNorm }));
        }
        catch { value.Dispose(); throw; }
    }

    /// <summary>A short description for tables: "", ", no goal", ", value ×0.1 (2 steps)".</summary>
    public static string Label(PlanGuidance? guidance, bool noGoal) =>
        (noGoal ? ", no goal" : "") + (guidance is { Options: var o }
            ? $", value-guided ×{o.Scale:G3} ({o.InnerSteps} steps{(o.MaxGradNorm is { } n ? $", ‖∇‖ ≤ {n:G3}" : "")})" : "");
}
