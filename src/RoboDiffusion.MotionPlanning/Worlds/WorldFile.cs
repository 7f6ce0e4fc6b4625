using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RoboDiffusion.MotionPlanning.Worlds;

/// <summary>
/// Reads and writes world JSON files, strictly: unknown keys, missing fields, negative sizes and non-finite numbers are
/// errors naming the file and the obstacle index. Format:
/// <code>{ "name": "dense2d", "limits": [[-1,-1],[1,1]], "robot_margin": 0.01,
///   "obstacles": [ {"type": "circle", "center": [x, y], "radius": r}, {"type": "box", "center": [x, y], "size": [w, h]} ] }</code>
/// </summary>
public static class WorldFile
{
    public static World Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"World file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses world JSON; <paramref name="source"/> names the file in error messages.</summary>
    public static World Parse(string json, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new InvalidDataException($"World file '{source}': not valid JSON ({e.Message})."); }
        using (doc)
        {
            var root = doc.RootElement;
            Expect(root, JsonValueKind.Object, source, "the top level");
            CheckKeys(root, source, "the top level", "name", "limits", "robot_margin", "obstacles");
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!
                : Path.GetFileNameWithoutExtension(source);
            var (min, max) = root.TryGetProperty("limits", out var l) ? Limits(l, source) : (new Point2(-1, -1), new Point2(1, 1));
            var margin = root.TryGetProperty("robot_margin", out var m) ? NonNegative(m, source, "robot_margin") : 0.01;
            if (!root.TryGetProperty("obstacles", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"World file '{source}': missing the \"obstacles\" array.");
            var obstacles = list.EnumerateArray().Select((o, i) => Obstacle(o, source, i)).ToList();
            return new World(name, obstacles, min, max, margin);
        }
    }

    /// <summary>The JSON text of a world made of circles and boxes.</summary>
    public static string Serialize(World world)
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append($"{{\n  \"name\": \"{world.Name}\",\n  \"limits\": [[{F(world.Min.X)}, {F(world.Min.Y)}], [{F(world.Max.X)}, {F(world.Max.Y)}]],\n");
        sb.Append($"  \"robot_margin\": {F(world.RobotMargin)},\n  \"obstacles\": [\n");
        var lines = world.Obstacles.Select(o => o switch
        {
            CircleObstacle c => $"    {{\"type\": \"circle\", \"center\": [{F(c.Center.X)}, {F(c.Center.Y)}], \"radius\": {F(c.Radius)}}}",
            BoxObstacle b => $"    {{\"type\": \"box\", \"center\": [{F(b.Center.X)}, {F(b.Center.Y)}], \"size\": [{F(b.Size.X)}, {F(b.Size.Y)}]}}",
            _ => throw new ArgumentException($"Cannot serialize obstacle type {o.GetType().Name}."),
        });
        sb.Append(string.Join(",\n", lines)).Append("\n  ]\n}\n");
        return sb.ToString();
    }

    private static IObstacle Obstacle(JsonElement o, string source, int index)
    {
        var where = $"obstacle {index}";
        Expect(o, JsonValueKind.Object, source, where);
        var type = o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : throw new InvalidDataException($"World file '{source}', {where}: missing \"type\" (circle | box).");
        switch (type)
        {
            case "circle":
                CheckKeys(o, source, where, "type", "center", "radius");
                return new CircleObstacle(Point(Required(o, "center", source, where), source, $"{where} center"),
                    NonNegative(Required(o, "radius", source, where), source, $"{where} radius"));
            case "box":
                CheckKeys(o, source, where, "type", "center", "size");
                var size = Point(Required(o, "size", source, where), source, $"{where} size");
                if (size.X < 0 || size.Y < 0) throw new InvalidDataException($"World file '{source}', {where}: size must be ≥ 0, got {size}.");
                return new BoxObstacle(Point(Required(o, "center", source, where), source, $"{where} center"), size);
            default:
                throw new InvalidDataException($"World file '{source}', {where}: unknown type '{type}' (valid: circle, box).");
        }
    }

    private static (Point2, Point2) Limits(JsonElement l, string source)
    {
        if (l.ValueKind != JsonValueKind.Array || l.GetArrayLength() != 2)
            throw new InvalidDataException($"World file '{source}': \"limits\" must be [[xmin, ymin], [xmax, ymax]].");
        return (Point(l[0], source, "limits min"), Point(l[1], source, "limits max"));
    }

    private static JsonElement Required(JsonElement o, string key, string source, string where) =>
        o.TryGetProperty(key, out var v) ? v : throw new InvalidDataException($"World file '{source}', {where}: missing \"{key}\".");

    private static Point2 Point(JsonElement e, string source, string what)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2)
            throw new InvalidDataException($"World file '{source}', {what}: expected two numbers [x, y].");
        return new Point2(Number(e[0], source, what), Number(e[1], source, what));
    }

    private static double NonNegative(JsonElement e, string source, string what)
    {
        var v = Number(e, source, what);
        return v >= 0 ? v : throw new InvalidDataException($"World file '{source}', {what}: must be ≥ 0, got {v}.");
    }

    private static double Number(JsonElement e, string source, string what)
    {
        // JSON has no NaN literal; "NaN" strings and overflowing numbers both end up here as errors.
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v)) return v;
        throw new InvalidDataException($"World file '{source}', {what}: expected a finite number, got {e.GetRawText()}.");
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string source, string where)
    {
        if (e.ValueKind != kind) throw new InvalidDataException($"World file '{source}', {where}: expected a JSON {kind.ToString().ToLowerInvariant()}.");
    }

    private static void CheckKeys(JsonElement o, string source, string where, params string[] allowed)
    {
        foreach (var p in o.EnumerateObject())
            if (!allowed.Contains(p.Name))
                throw new InvalidDataException($"World file '{source}', {where}: unknown key \"{p.Name}\" (valid: {string.Join(", ", allowed)}).");
    }
}
