using RoboDiffusion.MotionPlanning.Costs;
using RoboDiffusion.MotionPlanning.Trajectories;
using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Costs;

public sealed class CostGradientTests
{
    private static readonly TrajectorySpec Spec = TrajectorySpec.Default;

    /// <summary>A bent line across dense2d whose collision points hit several obstacles, with noisy velocities.</summary>
    private static double[] Trajectory()
    {
        var random = new Random(7);
        var x = TrajectoryBuilder.PerturbedLine(new Point2(-0.9, -0.85), new Point2(0.85, 0.9), Spec, 0.1, random).States;
        for (var i = 0; i < x.Length; i++) x[i] += 0.01 * (random.NextDouble() - 0.5);
        return x;
    }

    private static void AssertGradientMatchesCentralDifferences(ITrajectoryCost cost, double[] x, double tolerance)
    {
        var gradient = new double[x.Length];
        cost.Evaluate(x, gradient);
        const double h = 1e-6;
        for (var i = 0; i < x.Length; i++)
        {
            var saved = x[i];
            x[i] = saved + h;
            var up = cost.Evaluate(x);
            x[i] = saved - h;
            var down = cost.Evaluate(x);
            x[i] = saved;
            var numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= tolerance * (1 + Math.Abs(numeric)),
                $"component {i}: analytic {gradient[i]}, finite difference {numeric}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Collision_cost_gradient_matches_finite_differences(bool squared)
    {
        var world = WorldRegistry.Load("dense2d");
        var cost = new CollisionCost(world, Spec, epsilon: 0.05, weight: 2.0) { Squared = squared };
        var x = Trajectory();
        Assert.True(cost.Evaluate(x) > 0);                      // the test would be empty without active hinges
        AssertGradientMatchesCentralDifferences(cost, x, 1e-5);
    }

    [Fact]
    public void Gp_prior_gradient_matches_finite_differences()
    {
        var cost = new GpPriorCost(Spec, sigma: 1.0, weight: 1e-3);
        AssertGradientMatchesCentralDifferences(cost, Trajectory(), 1e-5);
    }

    [Fact]
    public void Goal_and_composite_gradients_match_finite_differences()
    {
        var world = WorldRegistry.Load("dense2d");
        var cost = new CompositeCost(new GoalCost(new Point2(0.8, 0.9), 3.0) { StopAtGoal = true },
            new GpPriorCost(Spec, 1.0, 1e-4), new CollisionCost(world, Spec, 0.05, 0.5));
        AssertGradientMatchesCentralDifferences(cost, Trajectory(), 1e-5);
    }

    [Fact]
    public void Gp_prior_is_zero_on_a_constant_velocity_line()
    {   // Φ x_i = x_{i+1} exactly when p_{i+1} = p_i + dt·v and v is constant.
        var line = TrajectoryBuilder.StraightLine(new Point2(-0.7, 0.2), new Point2(0.6, -0.5), Spec);
        Assert.Equal(0, new GpPriorCost(Spec).Evaluate(line.States), 9);
    }

    [Fact]
    public void Gp_prior_of_one_position_jump_is_half_the_inverse_covariance()
    {   // H = 2, e = (Δp = −1, Δv = 0) on one axis: ½ eᵀ Q⁻¹ e = ½ · 12 / (σ² dt³).
        var spec = new TrajectorySpec { SupportPoints = 2, Duration = 1.0 };
        var x = new double[] { 0, 0, 0, 0, 1, 0, 0, 0 };
        Assert.Equal(0.5 * 12 / (0.25 * Math.Pow(0.5, 3)), new GpPriorCost(spec, sigma: 0.5).Evaluate(x), 9);
    }

    [Fact]
    public void Batch_evaluation_equals_one_by_one_evaluation()
    {
        var world = WorldRegistry.Load("dense2d");
        var cost = new CollisionCost(world, Spec, 0.05);
        var (a, b) = (Trajectory(), TrajectoryBuilder.StraightLine(new Point2(-0.9, 0.9), new Point2(0.9, -0.9), Spec).States);
        var batch = a.Concat(b).ToArray();
        var costs = new double[2];
        var gradient = new double[batch.Length];
        cost.EvaluateBatch(batch, Spec.Size, costs, gradient);
        var gb = new double[Spec.Size];
        Assert.Equal(cost.Evaluate(a), costs[0], 12);
        Assert.Equal(cost.Evaluate(b, gb), costs[1], 12);
        Assert.Equal(gb, gradient[Spec.Size..]);
    }
}
