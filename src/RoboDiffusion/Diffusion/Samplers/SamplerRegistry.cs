using static TorchSharp.torch;

namespace RoboDiffusion.Diffusion.Samplers;

/// <summary>Names (k-diffusion's, snake_case), one-line descriptions and a single dispatch for the samplers.</summary>
public static class SamplerRegistry
{
    private sealed record Entry(string Name, string Description, SamplerFn Run);

    private static readonly Dictionary<SamplerKind, Entry> Entries = new()
    {
        [SamplerKind.Euler] = new("euler", "Euler on the probability-flow ODE, 1 call/step, order 1 (Karras et al. 2022, Alg. 2; S_churn adds noise)", Sampling.Euler),
        [SamplerKind.EulerAncestral] = new("euler_ancestral", "Euler step to σ_down plus σ_up fresh noise, 1 call/step (η, S_noise)", Sampling.EulerAncestral),
        [SamplerKind.Heun] = new("heun", "Heun's 2nd-order method, 2 calls/step, Euler on the last step (Karras et al. 2022, Alg. 2)", Sampling.Heun),
        [SamplerKind.Dpm2] = new("dpm_2", "DPM-Solver-2: midpoint in log σ, 2 calls/step, order 2 (Lu et al. 2022)", Sampling.Dpm2),
        [SamplerKind.Lms] = new("lms", "Linear multistep (Adams-Bashforth in σ), order 4 by default, 1 call/step", Sampling.Lms),
        [SamplerKind.DpmPp2SAncestral] = new("dpmpp_2s_ancestral", "DPM-Solver++(2S) single-step plus ancestral noise, 2 calls/step (Lu et al. 2022b)", Sampling.DpmPp2SAncestral),
        [SamplerKind.DpmPp2M] = new("dpmpp_2m", "DPM-Solver++(2M) multistep exponential integrator, 1 call/step, order 2 (Lu et al. 2022b)", Sampling.DpmPp2M),
        [SamplerKind.DpmPp2MSde] = new("dpmpp_2m_sde", "DPM-Solver++(2M) SDE, 1 call/step (η = 1 default; midpoint or heun correction)", Sampling.DpmPp2MSde),
        [SamplerKind.DpmPp3MSde] = new("dpmpp_3m_sde", "DPM-Solver++(3M) SDE, 1 call/step (η = 1 default; η = 0 is 3rd-order multistep)", Sampling.DpmPp3MSde),
        [SamplerKind.Ddpm] = new("ddpm", "DDPM ancestral sampling with the exact posterior q(x_{t−1}|x_t, x₀) (Ho et al. 2020), 1 call/step", Sampling.Ddpm),
        [SamplerKind.Ddim] = new("ddim", "DDIM (Song et al. 2021, eq. 12), deterministic at η = 0 (default), 1 call/step", Sampling.Ddim),
        [SamplerKind.UniPc] = new("unipc", "UniPC-bh2 predictor-corrector, order 2 by default (3 allowed), 1 call/step (Zhao et al. 2023)", Sampling.UniPc),
    };

    /// <summary>All samplers, in declaration order.</summary>
    public static IReadOnlyList<SamplerKind> Kinds { get; } = Enum.GetValues<SamplerKind>();

    /// <summary>The snake_case name, e.g. "dpmpp_2m".</summary>
    public static string Name(SamplerKind kind) => Get(kind).Name;

    /// <summary>A one-line description for listings.</summary>
    public static string Description(SamplerKind kind) => Get(kind).Description;

    /// <summary>The sampler function itself.</summary>
    public static SamplerFn Function(SamplerKind kind) => Get(kind).Run;

    /// <summary>Parses a name (case-insensitive, '-' accepted for '_'); unknown names throw listing the valid ones.</summary>
    public static SamplerKind Parse(string name)
    {
        if (TryParse(name, out var kind)) return kind;
        throw new ArgumentException(
            $"Unknown sampler '{name}'. Valid samplers: {string.Join(", ", Kinds.Select(Name))}.", nameof(name));
    }

    /// <summary>Parses a name without throwing.</summary>
    public static bool TryParse(string? name, out SamplerKind kind)
    {
        var key = name?.Trim().Replace('-', '_').ToLowerInvariant();
        foreach (var (k, entry) in Entries)
        {
            if (entry.Name != key) continue;
            kind = k;
            return true;
        }
        kind = default;
        return false;
    }

    /// <summary>Runs the sampler <paramref name="kind"/> (see <see cref="Sampling"/> for the shared contract).</summary>
    public static Tensor Sample(SamplerKind kind, Denoiser denoise, Tensor x, double[] sigmas, SamplerOptions? options = null,
        NoiseSampler? noise = null, Action<SampleStep>? onStep = null) =>
        Get(kind).Run(denoise, x, sigmas, options, noise, onStep);

    private static Entry Get(SamplerKind kind) => Entries.TryGetValue(kind, out var entry) ? entry
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown sampler kind. Valid: {string.Join(", ", Kinds)}.");
}
