namespace RoboDiffusion.Envs.Random;

/// <summary>
/// NumPy's legacy <c>numpy.random.RandomState</c>, bit-exact: MT19937 (Matsumoto and Nishimura 1998) seeded with
/// <c>init_genrand</c>, <c>random_sample</c> as 53-bit doubles (<c>genrand_res53</c>), <c>randint</c> by masked rejection
/// sampling (NumPy's legacy bounded integers) and <c>randn</c> by the polar Box-Muller method with a cached second value
/// (NumPy's <c>legacy_gauss</c>). Push-T's reset draws its initial state from this stream.
/// </summary>
public sealed class RandomState
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0dfu, UpperMask = 0x80000000u, LowerMask = 0x7fffffffu;
    private readonly uint[] _mt = new uint[N];
    private int _pos;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Same stream as <c>np.random.RandomState(seed)</c>; NumPy accepts seeds in [0, 2^32 − 1].</summary>
    public RandomState(long seed)
    {
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "Seed must be between 0 and 2**32 - 1 (as in NumPy).");
        _mt[0] = (uint)seed;
        for (var i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _pos = N;
    }

    /// <summary>The next raw 32-bit output of MT19937 (tempered).</summary>
    public uint NextUInt32()
    {
        if (_pos >= N) Twist();
        var y = _mt[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    /// <summary>NumPy's 64-bit draw from MT19937: the first 32-bit output is the high word.</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary><c>random_sample()</c>: a double in [0, 1) from 27 + 26 bits (<c>genrand_res53</c>).</summary>
    public double RandomSample()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// <c>randint(low, high)</c> (high exclusive) as legacy RandomState does it: draw with the range's bit mask and reject
    /// values above the range; ranges that fit 32 bits use one 32-bit output per try, wider ones a 64-bit draw.
    /// </summary>
    public long RandInt(long low, long high)
    {
        if (high <= low)
            throw new ArgumentException($"randint needs low < high, got low={low}, high={high}.");
        var range = (ulong)(high - 1 - low);
        if (range == 0) return low;
        if (range <= uint.MaxValue)
        {
            if (range == uint.MaxValue) return low + NextUInt32();
            var mask32 = (uint)Mask(range);
            uint v;
            while ((v = NextUInt32() & mask32) > range) { }
            return low + v;
        }
        var mask = Mask(range);
        ulong w;
        while ((w = NextUInt64() & mask) > range) { }
        return (long)((ulong)low + w);
    }

    /// <summary><c>randn()</c>: a standard normal by the polar method; each pair yields two values, the second cached.</summary>
    public double Randn()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    // Smallest all-ones mask covering `range`.
    private static ulong Mask(ulong range)
    {
        var m = range;
        m |= m >> 1; m |= m >> 2; m |= m >> 4; m |= m >> 8; m |= m >> 16; m |= m >> 32;
        return m;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_mt[k] & UpperMask) | (_mt[(k + 1) % N] & LowerMask);
            _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
        _pos = 0;
    }
}
