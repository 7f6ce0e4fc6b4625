using System.Globalization;
using System.Text;

namespace RoboDiffusion.Envs.Maze2D;

/// <summary>
/// The MJCF model of D4RL's point maze, generated from a layout as d4rl/pointmaze/maze_model.py <c>point_maze</c> does:
/// Euler integration at 0.01 s without gravity (20 solver iterations); joints damped by 1; geoms with friction
/// (.5, .1, .1), density 1000, margin 0.002, condim 1; a ground plane at z = −0.1; a particle sphere of radius 0.1 at
/// (1.2, 1.2, 0) on slide joints ball_x/ball_y; one box of half-size (0.5, 0.5, 0.2) at (i + 1, j + 1, 0) per wall cell;
/// motors of gear 100 with ctrlrange [−1, 1]. Textures and lights, which only matter to MuJoCo's renderer, are omitted.
/// </summary>
public static class Maze2DModelXml
{
    /// <summary>Seconds per MuJoCo step (and per env step: frame_skip 1).</summary>
    public const double Timestep = 0.01;

    public static string Generate(MazeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var xml = new StringBuilder();
        xml.AppendLine("<mujoco model=\"point_maze\">");
        xml.AppendLine("  <compiler inertiafromgeom=\"true\" angle=\"radian\" coordinate=\"local\"/>");
        xml.AppendLine($"  <option timestep=\"{Timestep.ToString(CultureInfo.InvariantCulture)}\" gravity=\"0 0 0\" iterations=\"20\" integrator=\"Euler\"/>");
        xml.AppendLine("  <default>");
        xml.AppendLine("    <joint damping=\"1\" limited=\"false\"/>");
        xml.AppendLine("    <geom friction=\".5 .1 .1\" density=\"1000\" margin=\"0.002\" condim=\"1\" contype=\"2\" conaffinity=\"1\"/>");
        xml.AppendLine("  </default>");
        xml.AppendLine("  <asset>");
        xml.AppendLine("    <material name=\"wall\" rgba=\".7 .5 .3 1\"/>");
        xml.AppendLine("    <material name=\"target\" rgba=\".6 .3 .3 1\"/>");
        xml.AppendLine("  </asset>");
        xml.AppendLine("  <worldbody>");
        xml.AppendLine("    <geom name=\"ground\" size=\"40 40 0.25\" pos=\"0 0 -0.1\" type=\"plane\" contype=\"1\" conaffinity=\"0\"/>");
        xml.AppendLine(F($"    <body name=\"particle\" pos=\"{Maze2DGeometry.ParticleOffset} {Maze2DGeometry.ParticleOffset} 0\">"));
        xml.AppendLine(F($"      <geom name=\"particle_geom\" type=\"sphere\" size=\"{Maze2DGeometry.Radius}\" rgba=\"0 0 1 0\" contype=\"1\"/>"));
        xml.AppendLine("      <site name=\"particle_site\" pos=\"0 0 0\" size=\"0.2\" rgba=\"0.3 0.6 0.3 1\"/>");
        xml.AppendLine("      <joint name=\"ball_x\" type=\"slide\" pos=\"0 0 0\" axis=\"1 0 0\"/>");
        xml.AppendLine("      <joint name=\"ball_y\" type=\"slide\" pos=\"0 0 0\" axis=\"0 1 0\"/>");
        xml.AppendLine("    </body>");
        xml.AppendLine("    <site name=\"target_site\" pos=\"0 0 0\" size=\"0.2\" material=\"target\"/>");
        foreach (var c in layout.Cells().Where(layout.IsWall))
            xml.AppendLine(F($"    <geom name=\"wall_{c.Row}_{c.Col}\" type=\"box\" conaffinity=\"1\" material=\"wall\" pos=\"{c.Row + 1.0} {c.Col + 1.0} 0\" size=\"{Maze2DGeometry.WallHalfSize} {Maze2DGeometry.WallHalfSize} 0.2\"/>"));
        xml.AppendLine("  </worldbody>");
        xml.AppendLine("  <actuator>");
        xml.AppendLine("    <motor joint=\"ball_x\" ctrlrange=\"-1 1\" ctrllimited=\"true\" gear=\"100\"/>");
        xml.AppendLine("    <motor joint=\"ball_y\" ctrlrange=\"-1 1\" ctrllimited=\"true\" gear=\"100\"/>");
        xml.AppendLine("  </actuator>");
        xml.AppendLine("</mujoco>");
        return xml.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
