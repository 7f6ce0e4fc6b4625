namespace RoboDiffusion.MotionPlanning.Costs;

/// <summary>Batched evaluation, the form the MPD guidance uses (B trajectories in one flat [B·H·4] array).</summary>
public static class TrajectoryCostExtensions
{
    /// <summary>Cost without gradient.</summary>
    public static double Evaluate(this ITrajectoryCost cost, ReadOnlySpan<double> states) => cost.Evaluate(states, Span<double>.Empty);

    /// <summary>
    /// Evaluates <paramref name="batch"/> ([B·size]) trajectory by trajectory; writes costs[b] and <b>overwrites</b>
    /// gradient ([B·size], or empty for no gradient).
    /// </summary>
    public static void EvaluateBatch(this ITrajectoryCost cost, ReadOnlySpan<double> batch, int size, Span<double> costs, Span<double> gradient)
    {
        if (size <= 0 || batch.Length % size != 0 || costs.Length != batch.Length / size)
            throw new ArgumentException($"Batch of {batch.Length} numbers does not split into {costs.Length} trajectories of {size}.");
        if (!gradient.IsEmpty && gradient.Length != batch.Length)
            throw new ArgumentException($"Gradient has {gradient.Length} numbers, the batch {batch.Length}.");
        if (!gradient.IsEmpty) gradient.Clear();
        for (var b = 0; b < costs.Length; b++)
            costs[b] = cost.Evaluate(batch.Slice(b * size, size), gradient.IsEmpty ? Span<double>.Empty : gradient.Slice(b * size, size));
    }
}
