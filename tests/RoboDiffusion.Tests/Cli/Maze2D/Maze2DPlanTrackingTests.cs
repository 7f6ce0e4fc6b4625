using RoboDiffusion.Cli.Maze2D;
using RoboDiffusion.Envs.Maze2D;

namespace RoboDiffusion.Tests.Cli.Maze2D;

public sealed class Maze2DPlanTrackingTests
{
    private const double Dt = 0.01;

    // A straight plan from (x0, y) at constant speed v along x, its velocities scaled by velocityScale.
    private static List<IReadOnlyList<double>> Line(double x0, double y, double v, int steps, double velocityScale = 1) =>
        [.. Enumerable.Range(0, steps).Select(h => (IReadOnlyList<double>)[x0 + h * Dt * v, y, velocityScale * v, 0])];

    [Fact]
    public void A_constant_velocity_plan_agrees_with_itself_and_arrives_where_geometry_says()
    {   // From x = 0 toward a goal at x = 3 at 2/s: inside the 0.5 radius once 0.02·h ≥ 2.5, at h = 125.
        var t = Maze2DPlanTracking.Of(Line(0, 1, 2, 200), goal: (3, 1), goalRadius: 0.5, lagAtPlanEnd: 0.25);
        Assert.Equal(125, t.PlanArrivalStep);
        Assert.Equal(0, t.VelocityMismatch, 9);
        Assert.Equal(2, t.MaxSpeed, 9);
        Assert.Equal(0.25, t.LagAtPlanEnd);
    }

    [Fact]
    public void A_plan_settles_at_its_goal_when_it_stays_inside_the_radius()
    {   // Goal (0, 0), radius 0.5: the plan starts there, leaves at step 2, returns inside at step 5 and stays.
        (double, double)[] wander = [(0, 0), (0.3, 0), (0.6, 0), (1.0, 0), (0.7, 0), (0.4, 0), (0.1, 0), (0, 0)];
        Assert.Equal(5, Maze2DPlanTracking.SettleStep(wander, (0, 0), 0.5));
        Assert.Equal(0, Maze2DPlanTracking.SettleStep([(0.2, 0.2), (0.1, 0), (0, 0)], (0, 0), 0.5));   // inside throughout
        Assert.Equal(2, Maze2DPlanTracking.SettleStep([(3, 0), (2, 0), (0, 0)], (0, 0), 0.5));          // inside at the last step only
    }

    [Fact]
    public void Velocities_twice_the_position_increments_disagree_by_the_speed()
    {
        var t = Maze2DPlanTracking.Of(Line(0, 1, 3, 100, velocityScale: 2), goal: (9, 9), goalRadius: 0.5, lagAtPlanEnd: null);
        Assert.Equal(-1, t.PlanArrivalStep);                                   // never within 0.5 of (9, 9)
        Assert.Equal(3, t.VelocityMismatch, 9);                                // |6 − 3|
        Assert.Equal(3, t.MaxSpeed, 9);                                        // the positions' speed, not the velocities'
        Assert.Null(t.LagAtPlanEnd);
    }

    [Fact]
    public void Mujoco_trajectories_have_no_mismatch_even_against_walls()
    {   // The claim behind the measure: MuJoCo's Euler step integrates the position with the new velocity, so recorded
        // (x, y, vx, vy) obey p_{t+1} = p_t + dt·v_{t+1}, also while a wall contact changes the velocity.
        using var env = new Maze2DEnv(new Maze2DConfig { Maze = Maze2DMaze.Large });
        var states = new List<IReadOnlyList<double>>();
        var contacts = 0;
        var o = env.SetState([3, 1], [0, 0]);
        states.Add(o);
        for (var t = 0; t < 300; t++)
        {   // push diagonally into the walls of the corridor at full force
            o = env.Step([1, t < 150 ? 1 : -1]).Observation;           // full force: the speed reaches the clip
            contacts += env.ContactCount > 1 ? 1 : 0;
            states.Add(o);
        }
        Assert.True(contacts > 50, $"only {contacts} steps touched a wall");
        var tracking = Maze2DPlanTracking.Of(states, goal: (7, 9), goalRadius: 0.5, lagAtPlanEnd: null);
        Assert.Equal(0, tracking.VelocityMismatch, 9);
        // The env clips each velocity component to 5 before the step, which then adds at most dt·gear/mass = 0.24.
        Assert.InRange(tracking.MaxSpeed, 4, 5 + Dt * 100 / (4.0 / 3.0 * Math.PI * 1e-3 * 1000));
    }
}
