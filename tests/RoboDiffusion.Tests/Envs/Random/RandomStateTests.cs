using RoboDiffusion.Envs.PushT;
using RoboDiffusion.Envs.Random;

namespace RoboDiffusion.Tests.Envs.Random;

/// <summary>
/// Expected numbers were printed by NumPy 1.24.2 (Debian 12's python3-numpy) with, e.g.,
/// <c>rs = np.random.RandomState(0); rs.randint(0, 2**32, size=5, dtype=np.uint64)</c>, <c>rs.random_sample(3)</c>,
/// <c>rs.randn(4)</c>, <c>rs.randint(0, 10, size=10)</c>, <c>rs.randint(-5, 1000000007, size=4)</c>,
/// <c>rs.randint(0, 2**40, size=3)</c>, each from a fresh RandomState, and Push-T's reset expression
/// <c>[rs.randint(50,450), rs.randint(50,450), rs.randint(100,400), rs.randint(100,400), rs.randn()*2*np.pi - np.pi]</c>.
/// NumPy is not needed to run these tests.
/// </summary>
public sealed class RandomStateTests
{
    [Theory]
    [InlineData(0, new uint[] { 2357136044, 2546248239, 3071714933, 3626093760, 2588848963 })]
    [InlineData(42, new uint[] { 1608637542, 3421126067, 4083286876, 787846414, 3143890026 })]
    public void Raw_mt19937_outputs_match_numpy(long seed, uint[] expected)
    {
        var rs = new RandomState(seed);
        Assert.Equal(expected, expected.Select(_ => rs.NextUInt32()).ToArray());
    }

    [Theory]
    [InlineData(0, new[] { 0.5488135039273248, 0.7151893663724195, 0.6027633760716439 })]
    [InlineData(42, new[] { 0.3745401188473625, 0.9507143064099162, 0.7319939418114051 })]
    public void Random_sample_matches_numpy_bit_for_bit(long seed, double[] expected)
    {
        var rs = new RandomState(seed);
        Assert.Equal(expected, expected.Select(_ => rs.RandomSample()).ToArray());
    }

    [Theory]
    [InlineData(0, new[] { 1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458 })]
    [InlineData(42, new[] { 0.4967141530112327, -0.13826430117118466, 0.6476885381006925, 1.5230298564080254 })]
    public void Randn_matches_numpy_including_the_cached_second_value(long seed, double[] expected)
    {
        var rs = new RandomState(seed);
        Assert.Equal(expected, expected.Select(_ => rs.Randn()).ToArray());
    }

    [Theory]
    [InlineData(0, 0, 10, new long[] { 5, 0, 3, 3, 7, 9, 3, 5, 2, 4 })]
    [InlineData(42, 0, 10, new long[] { 6, 3, 7, 4, 6, 9, 2, 6, 7, 4 })]
    [InlineData(0, -5, 1000000007, new long[] { 209652391, 398764586, 924231280, 404868283 })]
    [InlineData(42, -5, 1000000007, new long[] { 534895713, 199900590, 862061399, 787846409 })]
    [InlineData(0, 0, 1L << 40, new long[] { 741280623151, 506137267392, 291447657211 })]
    [InlineData(42, 0, 1L << 40, new long[] { 441507790259, 395924837646, 458615280711 })]
    public void Randint_uses_numpys_legacy_masked_rejection(long seed, long low, long high, long[] expected)
    {
        var rs = new RandomState(seed);
        Assert.Equal(expected, expected.Select(_ => rs.RandInt(low, high)).ToArray());
    }

    [Theory]
    [InlineData(0, 222, 97, 217, 292, 3.0079994677219553)]
    [InlineData(42, 152, 398, 370, 206, -0.16423722535645258)]
    [InlineData(100000, 235, 124, 335, 128, -0.9049274284249247)]
    [InlineData(100049, 143, 388, 104, 324, -13.41298796393892)]
    public void PushT_initial_states_match_numpy(long seed, double ax, double ay, double bx, double by, double angle) =>
        Assert.Equal(new[] { ax, ay, bx, by, angle }, PushTEnv.InitialState(seed));

    [Theory]
    [InlineData(-1)]
    [InlineData(1L << 32)]
    public void Seeds_outside_32_bits_are_rejected_like_numpy(long seed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomState(seed));
}
