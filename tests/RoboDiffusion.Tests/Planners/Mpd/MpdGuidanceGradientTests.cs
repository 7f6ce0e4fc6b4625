using RoboDiffusion.Data.Normalization;
using RoboDiffusion.Planners.Mpd;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Planners.Mpd;

public sealed class MpdGuidanceGradientTests
{
    public MpdGuidanceGradientTests() => TorchRuntime.Initialize();

    [Fact]
    public void Each_term_is_clipped_per_state_then_weighted_and_summed()
    {   // Two states of D = 2. Term A: (3, 4) (norm 5 → clipped to norm 1: (0.6, 0.8)) and (0.3, 0.4) (kept); term B: 1 everywhere (norm √2 → 1/√2 each).
        var a = new MpdCostTerm((_, g) => { g[0] = 3; g[1] = 4; g[2] = 0.3; g[3] = 0.4; }, 2.0);
        var b = new MpdCostTerm((_, g) => g.Fill(1.0), 0.5);
        var total = MpdGuidedDenoiser.RawGradient(new double[4], 2, new MpdGuidance { Terms = [a, b] });
        var half = 0.5 / Math.Sqrt(2);
        Assert.Equal([2 * 0.6 + half, 2 * 0.8 + half, 2 * 0.3 + half, 2 * 0.4 + half], total, new Tolerance(1e-15));
    }

    [Fact]
    public void The_normalized_gradient_is_the_raw_one_times_each_features_half_range()
    {   // raw ∈ [0, 2] × [−3, 5] ⇒ raw = normalized·(1, 4) + (1, 1); a cost Σ c·raw has the raw gradient c and the normalized one c·(1, 4).
        var normalizer = MinMaxNormalizer.FromStats([0, -3], [2, 5]);
        var seen = Array.Empty<double>();
        var term = new MpdCostTerm((x, g) => { seen = x.ToArray(); g.Fill(0.25); }, 1.0);
        using var normalized = tensor(new float[] { 0, 0, 1, -1, -0.5f, 0.5f }, [1, 3, 2]);
        using var g = MpdGuidedDenoiser.NormalizedGradient(normalized, new MpdGuidance { Terms = [term] }, normalizer);
        Assert.Equal([1, 1, 2, -3, 0.5, 3], seen, new Tolerance(1e-6));                       // the term sees raw units
        Assert.Equal(ScalarType.Float32, g.dtype);
        Assert.Equal([0.25f, 1f, 0.25f, 1f, 0.25f, 1f], g.data<float>().ToArray());
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}
