using RoboDiffusion.Cli.Papers;

namespace RoboDiffusion.Tests.Cli.Papers;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]   // the textbook Levenshtein example
    [InlineData("ca", "ac", 1)]            // one adjacent transposition
    [InlineData("ca", "abc", 3)]           // OSA forbids editing a transposed pair again (true Damerau-Levenshtein gives 2)
    [InlineData("", "abc", 3)]
    [InlineData("policy", "policy", 0)]
    [InlineData("polciy", "policy", 1)]
    public void Optimal_string_alignment_distance_matches_known_values(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Osa(a, b));
        Assert.Equal(expected, EditDistance.Osa(b, a));
    }

    [Fact]
    public void Bounded_distance_stops_at_the_bound_plus_one()
    {
        Assert.Equal(2, EditDistance.Osa("kitten", "sitting", max: 1));
        Assert.Equal(3, EditDistance.Osa("kitten", "sitting", max: 3));
    }

    [Fact]
    public void Banded_bounded_distance_agrees_with_the_full_distance()
    {
        // The bounded call fills only a diagonal band; on random short strings it must equal min(full, bound + 1).
        var rng = new Random(7);
        string Word() => new([.. Enumerable.Range(0, rng.Next(0, 9)).Select(_ => "abc"[rng.Next(3)])]);
        for (var trial = 0; trial < 2000; trial++)
        {
            string a = Word(), b = Word();
            var full = EditDistance.Osa(a, b);
            var bound = rng.Next(0, 5);
            Assert.Equal(Math.Min(full, bound + 1), EditDistance.Osa(a, b, bound));
        }
    }
}
