using RoboDiffusion.MotionPlanning.Worlds;

namespace RoboDiffusion.Tests.MotionPlanning.Worlds;

public sealed class WorldFileTests
{
    private const string Valid = """
        { "name": "mine", "limits": [[-1, -1], [1, 1]], "robot_margin": 0.01,
          "obstacles": [ {"type": "circle", "center": [0.5, 0], "radius": 0.1}, {"type": "box", "center": [0, 0], "size": [0.2, 0.4]} ] }
        """;

    [Fact]
    public void Valid_file_parses_and_round_trips()
    {
        var world = WorldFile.Parse(Valid, "mine.json");
        Assert.Equal("mine", world.Name);
        Assert.Equal(new CircleObstacle(new Point2(0.5, 0), 0.1), world.Obstacles[0]);
        Assert.Equal(new BoxObstacle(new Point2(0, 0), new Point2(0.2, 0.4)), world.Obstacles[1]);
        var again = WorldFile.Parse(WorldFile.Serialize(world), "again.json");
        Assert.Equal(world.Obstacles, again.Obstacles);
    }

    [Theory]
    [InlineData("{\"type\": \"circle\", \"center\": [0, 0], \"radius\": -0.1}", "radius")]
    [InlineData("{\"type\": \"circle\", \"center\": [0, 0]}", "missing \"radius\"")]
    [InlineData("{\"type\": \"circle\", \"center\": [0, 0], \"radius\": 0.1, \"colour\": 3}", "unknown key \"colour\"")]
    [InlineData("{\"type\": \"circle\", \"center\": [\"NaN\", 0], \"radius\": 0.1}", "finite number")]
    [InlineData("{\"type\": \"box\", \"center\": [0, 0], \"size\": [0.1, -0.2]}", "size")]
    [InlineData("{\"type\": \"star\", \"center\": [0, 0]}", "unknown type 'star'")]
    public void Malformed_obstacle_names_the_file_the_obstacle_index_and_the_problem(string obstacle, string problem)
    {
        var json = $"{{ \"obstacles\": [ {{\"type\": \"circle\", \"center\": [0.5, 0], \"radius\": 0.1}}, {obstacle} ] }}";
        var e = Assert.Throws<InvalidDataException>(() => WorldFile.Parse(json, "bad.json"));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("obstacle 1", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Missing_obstacles_and_invalid_json_are_clear_errors()
    {
        Assert.Contains("obstacles", Assert.Throws<InvalidDataException>(() => WorldFile.Parse("{\"name\": \"x\"}", "a.json")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => WorldFile.Parse("{ obstacles: ", "b.json")).Message);
        Assert.Contains("unknown key \"obstacle\"", Assert.Throws<InvalidDataException>(() => WorldFile.Parse("{\"obstacle\": []}", "c.json")).Message);
    }

    [Theory]
    [InlineData("simple2d", 15, 0)]
    [InlineData("dense2d", 16, 14)]
    [InlineData("narrow2d", 8, 11)]
    [InlineData("simple2d_extra", 23, 3)]
    [InlineData("dense2d_extra", 19, 18)]
    public void Built_in_worlds_have_the_obstacle_counts_of_torch_robotics(string name, int circles, int boxes)
    {
        var world = WorldRegistry.Load(name);
        Assert.Equal(circles, world.Obstacles.OfType<CircleObstacle>().Count());
        Assert.Equal(boxes, world.Obstacles.OfType<BoxObstacle>().Count());
        Assert.Equal(0.01, world.RobotMargin);
    }

    [Fact]
    public void Dense2d_first_circle_is_at_the_published_centre()
    {
        var first = (CircleObstacle)WorldRegistry.Load("dense2d").Obstacles[0];
        Assert.Equal(-0.4338, first.Center.X, 4);
        Assert.Equal(0.3335, first.Center.Y, 4);
        Assert.Equal(0.125, first.Radius);
    }

    [Fact]
    public void Unknown_world_lists_the_valid_names()
    {
        var e = Assert.Throws<ArgumentException>(() => WorldRegistry.Load("forest"));
        Assert.Contains("dense2d", e.Message);
        Assert.Contains("narrow2d", e.Message);
    }

    [Fact]
    public void Start_inside_an_obstacle_is_a_clear_error()
    {
        var world = WorldRegistry.Load("simple2d");
        var e = Assert.Throws<ArgumentException>(() => world.RequireFree(new Point2(-0.4338, 0.3335), "start"));
        Assert.Contains("inside an obstacle", e.Message);
        Assert.Contains("outside the workspace", Assert.Throws<ArgumentException>(() => world.RequireFree(new Point2(1.5, 0), "goal")).Message);
    }
}
