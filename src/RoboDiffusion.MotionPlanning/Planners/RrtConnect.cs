using System.Diagnostics;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.MotionPlanning.Planners;

/// <summary>
/// RRT-Connect (Kuffner &amp; LaValle, ICRA 2000, Fig. 3): two trees, from start and goal, take turns to extend toward a
/// uniform sample (EXTEND) while the other greedily CONNECTs to the new node. Returns a geometric path.
/// </summary>
public sealed class RrtConnect(RrtConnectOptions? options = null)
{
    public RrtConnectOptions Options { get; } = (options ?? new RrtConnectOptions()).Validated();

    /// <summary>Searches for a path; the path is null when the time or iteration limit is reached first.</summary>
    public (IReadOnlyList<Point2>? Path, int Iterations, string? Failure) Search(World world, Point2 start, Point2 goal, TimeSpan timeLimit, Random random)
    {
        world.RequireFree(start, "start");
        world.RequireFree(goal, "goal");
        if (world.IsSegmentFree(start, goal)) return ([start, goal], 0, null);
        var clock = Stopwatch.StartNew();
        var (a, b) = (new Tree(start), new Tree(goal));
        var aIsStart = true;
        for (var iteration = 1; iteration <= Options.MaxIterations; iteration++)
        {
            if (clock.Elapsed > timeLimit) return (null, iteration, $"time limit {timeLimit.TotalSeconds:0.###} s reached after {iteration - 1} iterations");
            var sample = new Point2(world.Min.X + random.NextDouble() * (world.Max.X - world.Min.X),
                                    world.Min.Y + random.NextDouble() * (world.Max.Y - world.Min.Y));
            var added = Extend(world, a, sample);
            if (added >= 0 && Connect(world, b, a.Nodes[added]) is var joined and >= 0)
            {
                var path = aIsStart ? Join(a, added, b, joined) : Join(b, joined, a, added);
                return (path, iteration, null);
            }
            (a, b, aIsStart) = (b, a, !aIsStart);
        }
        return (null, Options.MaxIterations, $"no path after {Options.MaxIterations} iterations");
    }

    /// <summary>Grows the tree from its nearest node toward <paramref name="target"/> by at most the connect radius,
    /// stopping at the last collision-free step; returns the new node or −1.</summary>
    private int Extend(World world, Tree tree, Point2 target)
    {
        var near = tree.Nearest(target);
        var from = tree.Nodes[near];
        var distance = from.DistanceTo(target);
        if (distance < 1e-12) return -1;
        var reach = Math.Min(distance, Options.ConnectRadius);
        var steps = (int)Math.Ceiling(reach / Options.StepSize);
        var last = from;
        for (var k = 1; k <= steps; k++)
        {
            var p = from.Lerp(target, Math.Min(k * Options.StepSize, reach) / distance);
            if (!world.IsFree(p)) break;
            last = p;
        }
        // The steps are checked at the step size; an exact check keeps every tree edge truly free.
        return last == from || !world.IsSegmentFree(from, last) ? -1 : tree.Add(last, near);
    }

    /// <summary>Extends repeatedly toward <paramref name="target"/>; returns the node that reached it, or −1 when trapped.</summary>
    private int Connect(World world, Tree tree, Point2 target)
    {
        while (true)
        {
            var added = Extend(world, tree, target);
            if (added < 0) return -1;
            if (tree.Nodes[added].DistanceTo(target) < 1e-9) return added;
        }
    }

    /// <summary>Root of <paramref name="startTree"/> … node i, then node j … root of the other tree.</summary>
    private static List<Point2> Join(Tree startTree, int i, Tree goalTree, int j)
    {
        var head = startTree.PathToRoot(i);
        head.Reverse();
        head.AddRange(goalTree.PathToRoot(j).Skip(1));   // node j coincides with node i
        return head;
    }

    private sealed class Tree(Point2 root)
    {
        public List<Point2> Nodes { get; } = [root];
        private readonly List<int> _parent = [-1];

        public int Add(Point2 p, int parent)
        {
            Nodes.Add(p);
            _parent.Add(parent);
            return Nodes.Count - 1;
        }

        public int Nearest(Point2 q)
        {
            var (best, bestDistance) = (0, double.PositiveInfinity);
            for (var i = 0; i < Nodes.Count; i++)
            {
                var (dx, dy) = (Nodes[i].X - q.X, Nodes[i].Y - q.Y);
                var d = dx * dx + dy * dy;
                if (d < bestDistance) (best, bestDistance) = (i, d);
            }
            return best;
        }

        public List<Point2> PathToRoot(int i)
        {
            var path = new List<Point2>();
            for (; i >= 0; i = _parent[i]) path.Add(Nodes[i]);
            return path;
        }
    }
}
