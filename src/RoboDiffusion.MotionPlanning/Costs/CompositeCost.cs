namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>The sum of several costs (MPD CostComposite); each term carries its own weight.</summary>
public sealed class CompositeCost(params IReadOnlyList<ITrajectoryCost> terms) : ITrajectoryCost
{
    public IReadOnlyList<ITrajectoryCost> Terms { get; } = terms;

    public double Evaluate(ReadOnlySpan<double> states, Span<double> gradient)
    {
        var total = 0.0;
        foreach (var term in Terms) total += term.Evaluate(states, gradient);
        return total;
    }
}
