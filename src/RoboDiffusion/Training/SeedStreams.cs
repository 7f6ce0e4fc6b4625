namespace RoboDiffusion.Training;

/// <summary>
/// Counter-based seeds: a 64-bit seed for (run seed, stream, step) by SplitMix64 finalization (Steele et al. 2014),
/// so the RNG state at any step is a function of the step alone and resuming needs no stored generator state.
/// </summary>
public static class SeedStreams
{
    public const int Data = 1;     // batch sampling
    public const int Loss = 2;     // noise, timesteps, masks inside the objective
    public const int Global = 3;   // torch's global generator (dropout)

    /// <summary>A well-mixed non-negative seed for (seed, stream, index).</summary>
    public static long Derive(long seed, int stream, long index)
    {
        var z = Mix((ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)stream);
        z = Mix(z ^ (ulong)index);
        return (long)(z >> 1);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
