using RoboDiffusion.Envs.Geometry;

namespace RoboDiffusion.Envs.PushT;

/// <summary>
/// Scripted Push-T expert: a push-primitive planner with simulator look-ahead (sampling-based MPC over pushing
/// contacts). Each decision enumerates contact points on the T's outline and push lengths; a primitive walks the
/// target around the block (on an orbit) to the contact, then pushes along the inward normal. Every primitive is
/// simulated on a clone of the world and scored by the mean distance of the block keypoints to the goal's, plus a
/// small cost per step; success (coverage above the threshold) wins outright. The best primitive is executed, then
/// the expert re-plans. Targets move at bounded speed, so paths are smooth and continuous at 10 Hz.
/// </summary>
public sealed class PushTExpert(PushTExpertConfig? config = null) : IPushTPolicy, IDisposable
{
    private readonly PushTExpertConfig _cfg = config ?? new PushTExpertConfig();
    private readonly Queue<double[]> _plan = new();
    private readonly PushTEnv _scratch = new(new PushTConfig { MaxEpisodeSteps = int.MaxValue });
    private readonly (Point2 Point, Point2 Normal)[] _contacts = Contacts((config ?? new PushTExpertConfig()).ContactSpacing);
    private static readonly double[] GoalKeypoints =
        PushTGeometry.WorldKeypoints(PushTGeometry.GoalPose.X, PushTGeometry.GoalPose.Y, PushTGeometry.GoalPose.Angle);

    private double[]? _lastTarget;

    public void Reset()
    {
        _plan.Clear();
        _lastTarget = null;
    }

    public double[] Act(PushTEnv env)
    {
        if (_plan.Count == 0)
            foreach (var target in Plan(env, env.Config.SuccessThreshold)) _plan.Enqueue(target);
        _lastTarget = _plan.Dequeue();
        return (double[])_lastTarget.Clone();
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>Mean distance (px) between the block keypoints and the goal keypoints.</summary>
    public static double KeypointError(double x, double y, double angle)
    {
        var k = PushTGeometry.WorldKeypoints(x, y, angle);
        var sum = 0.0;
        for (var i = 0; i < k.Length; i += 2)
            sum += Math.Sqrt((k[i] - GoalKeypoints[i]) * (k[i] - GoalKeypoints[i]) + (k[i + 1] - GoalKeypoints[i + 1]) * (k[i + 1] - GoalKeypoints[i + 1]));
        return sum / (k.Length / 2);
    }

    private List<double[]> Plan(PushTEnv env, double threshold)
    {
        var state = env.StateVector();
        var velocity = env.AgentVelocity;
        var origin = _lastTarget is { } last ? new Point2(last[0], last[1]) : new Point2(state[0], state[1]);   // paths continue the last target
        var best = (Cost: double.PositiveInfinity, Targets: new List<double[]>());
        foreach (var (point, normal) in _contacts)
        {
            var pre = (point + (PushTGeometry.AgentRadius + 2) * normal).Transform(state[4], new(state[2], state[3]));
            var approach = Approach(state, origin, pre);
            _scratch.LoadApproximate(state, velocity);
            var (approachSteps, approachDone) = Simulate(approach, threshold);
            if (approachDone >= 0) { Consider(ref best, approach, approachDone, -1e6 + approachDone); continue; }
            var afterApproach = _scratch.StateVector();
            var afterVelocity = _scratch.AgentVelocity;
            var push = new Point2(-normal.X, -normal.Y).Transform(state[4], new(0, 0));
            foreach (var length in _cfg.PushLengths)
            {
                var pushTargets = Line(pre, pre + length * push, _cfg.PushSpeed);
                _scratch.LoadApproximate(afterApproach, afterVelocity);
                var (_, done) = Simulate(pushTargets, threshold);
                List<double[]> all = [.. approach, .. pushTargets];
                var (bx, by, ba) = _scratch.BlockPose;
                var cost = done >= 0 ? -1e6 + approachSteps + done : KeypointError(bx, by, ba) + _cfg.StepCost * all.Count;
                Consider(ref best, all, done >= 0 ? approachSteps + done : all.Count, cost);
            }
        }
        return best.Targets.Count > 0 ? best.Targets : [[origin.X, origin.Y]];
    }

    private static void Consider(ref (double Cost, List<double[]> Targets) best, List<double[]> targets, int keep, double cost)
    {
        if (cost < best.Cost && keep > 0) best = (cost, targets.GetRange(0, Math.Min(keep, targets.Count)));
    }

    // Steps the scratch clone; returns (steps, index+1 of the first successful step or −1).
    private (int Steps, int Done) Simulate(List<double[]> targets, double threshold)
    {
        for (var i = 0; i < targets.Count; i++)
            if (_scratch.Step(targets[i]).Info.Coverage > threshold) return (i + 1, i + 1);
        return (targets.Count, -1);
    }

    // Straight to the pre-contact point when the segment clears the block; otherwise out to the orbit, around it, in.
    private List<double[]> Approach(double[] state, Point2 agent, Point2 pre)
    {
        if ((agent - pre).Length < 2) return [];
        if (Clear(state, agent, pre)) return Line(agent, pre, _cfg.ApproachSpeed);
        var cog = PushTGeometry.CenterOfGravity.Transform(state[4], new(state[2], state[3]));
        var (a0, a1) = (Math.Atan2(agent.Y - cog.Y, agent.X - cog.X), Math.Atan2(pre.Y - cog.Y, pre.X - cog.X));
        var sweep = Math.IEEERemainder(a1 - a0, 2 * Math.PI);
        var radius = Math.Max(_cfg.OrbitRadius, (agent - cog).Length);
        var start = cog + radius * new Point2(Math.Cos(a0), Math.Sin(a0));
        var path = Line(agent, start, _cfg.ApproachSpeed);
        var arcSteps = (int)Math.Ceiling(Math.Abs(sweep) * radius / _cfg.ApproachSpeed);
        for (var k = 1; k <= arcSteps; k++)
        {
            var a = a0 + sweep * k / arcSteps;
            var r = radius + (_cfg.OrbitRadius - radius) * k / arcSteps;
            path.Add([cog.X + r * Math.Cos(a), cog.Y + r * Math.Sin(a)]);
        }
        var last = path.Count > 0 ? new Point2(path[^1][0], path[^1][1]) : agent;
        path.AddRange(Line(last, pre, _cfg.ApproachSpeed));
        return path;
    }

    // Whether the agent disc moving from a to b stays off the block (checked in block coordinates).
    private static bool Clear(double[] state, Point2 a, Point2 b)
    {
        var n = (int)Math.Ceiling((b - a).Length / 4) + 1;
        for (var k = 0; k <= n; k++)
        {
            var p = a + (double)k / n * (b - a);
            var local = new Point2(p.X - state[2], p.Y - state[3]).Transform(-state[4], new(0, 0));
            if (DistanceToT(local) < PushTGeometry.AgentRadius + 1) return false;
        }
        return true;
    }

    private static List<double[]> Line(Point2 from, Point2 to, double speed)
    {
        var n = (int)Math.Ceiling((to - from).Length / speed);
        return [.. Enumerable.Range(1, n).Select(k => { var p = from + (double)k / n * (to - from); return new[] { p.X, p.Y }; })];
    }

    private static double DistanceToT(Point2 p) => Math.Min(DistanceToBox(p, -60, 60, 0, 30), DistanceToBox(p, -15, 15, 30, 120));

    private static double DistanceToBox(Point2 p, double x0, double x1, double y0, double y1)
    {
        var dx = Math.Max(Math.Max(x0 - p.X, p.X - x1), 0);
        var dy = Math.Max(Math.Max(y0 - p.Y, p.Y - y1), 0);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    // Points on the T's outline (body coordinates) with outward normals, whose pre-contact disc clears the block.
    private static (Point2, Point2)[] Contacts(double spacing)
    {
        (Point2 A, Point2 B, Point2 N)[] edges =
        [
            (new(-60, 0), new(60, 0), new(0, -1)), (new(60, 0), new(60, 30), new(1, 0)),
            (new(15, 30), new(60, 30), new(0, 1)), (new(15, 30), new(15, 120), new(1, 0)),
            (new(-15, 120), new(15, 120), new(0, 1)), (new(-15, 30), new(-15, 120), new(-1, 0)),
            (new(-60, 30), new(-15, 30), new(0, 1)), (new(-60, 0), new(-60, 30), new(-1, 0)),
        ];
        var result = new List<(Point2, Point2)>();
        foreach (var (a, b, normal) in edges)
        {
            var length = (b - a).Length;
            var n = Math.Max(1, (int)Math.Round((length - 8) / spacing));
            for (var k = 0; k <= n; k++)
            {
                var p = a + (4 + (length - 8) * k / n) / length * (b - a);
                if (DistanceToT(p + (PushTGeometry.AgentRadius + 2) * normal) >= PushTGeometry.AgentRadius + 1.5)
                    result.Add((p, normal));
            }
        }
        return [.. result];
    }
}
