using RoboDiffusion.Envs.Maze2D;
using RoboDiffusion.Envs.Native.MuJoCo;

namespace RoboDiffusion.Tests.Envs.Maze2D;

public sealed class MuJoCoBindingTests
{
    // D4RL's particle: a sphere of radius 0.1 and density 1000 (inertiafromgeom), so m = 4/3·π·0.1³·1000.
    private static readonly double Mass = 4.0 / 3.0 * Math.PI * 1e-3 * 1000;

    [Fact]
    public void Library_reports_version_2_2_2_matching_the_struct_offsets()
    {
        MuJoCoLibrary.EnsureLoaded();
        Assert.Equal("2.2.2", MuJoCoLibrary.Version);
    }

    [Fact]
    public void Maze_model_has_two_slide_joints_two_motors_and_a_10_ms_step()
    {
        using var model = MjModel.FromXml(Maze2DModelXml.Generate(Maze2DLayouts.Layout(Maze2DMaze.UMaze)));
        Assert.Equal((2, 2, 2), (model.Nq, model.Nv, model.Nu));
        Assert.Equal(2, model.Nbody);                                 // world + particle
        Assert.Equal(0.01, model.Timestep);
    }

    [Fact]
    public void Bad_xml_throws_with_mujocos_message_instead_of_exiting()
    {
        var e = Assert.Throws<MuJoCoException>(() => MjModel.FromXml("<mujoco><bogus/></mujoco>"));
        Assert.Contains("bogus", e.Message);
        Assert.False(File.Exists("MUJOCO_LOG.TXT"));
    }

    [Fact]
    public void Free_motion_follows_euler_with_implicit_joint_damping()
    {   // MuJoCo's Euler integrates joint damping b implicitly: v' = v + h·(g·u − b·v)/(m + h·b), then x' = x + h·v'.
        using var model = MjModel.FromXml(Maze2DModelXml.Generate(Maze2DLayouts.Layout(Maze2DMaze.UMaze)));
        using var sim = new MjSimulation(model);
        double[] q0 = [3, 2];                                         // middle of the bottom corridor, away from walls
        q0.CopyTo(sim.Qpos);
        sim.Qvel[0] = 1.0;
        sim.Qvel[1] = -0.5;
        sim.Ctrl[1] = 0.3;
        const double h = 0.01, b = 1, gear = 100;
        double vx = 1.0, vy = -0.5, x = 3, y = 2;
        for (var t = 0; t < 20; t++)
        {
            sim.Step();
            vx += h * (-b * vx) / (Mass + h * b);
            vy += h * (gear * 0.3 - b * vy) / (Mass + h * b);
            (x, y) = (x + h * vx, y + h * vy);
        }
        Assert.Equal(vx, sim.Qvel[0], 12);
        Assert.Equal(vy, sim.Qvel[1], 12);
        Assert.Equal(x, sim.Qpos[0], 12);
        Assert.Equal(y, sim.Qpos[1], 12);
        Assert.Equal(0.2, sim.Time, 12);
    }

    [Fact]
    public void Disposed_simulation_throws_object_disposed()
    {
        using var model = MjModel.FromXml(Maze2DModelXml.Generate(Maze2DLayouts.Layout(Maze2DMaze.UMaze)));
        var sim = new MjSimulation(model);
        sim.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sim.Step());
    }
}
