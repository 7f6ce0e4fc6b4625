using System.Reflection;
using System.Text.Json;
using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Samplers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Samplers;

/// <summary>
/// Our samplers against k-diffusion's own sampling.py (crowsonkb/k-diffusion 4601bf0), run in float64 from the same
/// x, Karras grid, closed-form Gaussian-mixture denoiser and recorded noise draws; and ddpm/ddim against diffusers'
/// own DDPMScheduler/DDIMScheduler.step (huggingface/diffusers 58eb52c) mapped to σ-space. Golden/make_*_golden.py
/// wrote Golden/*_golden.json and say how to regenerate. Every number is checked to 1e-10 relative (measured
/// agreement ≤ 2e-14; a formula, option or noise-order difference shows up as ≥ 1e-7).
/// </summary>
public sealed class KDiffusionGoldenTests
{
    private const double Tolerance = 1e-10;
    private const string KDiffusion = "kdiffusion_golden.json", Diffusers = "diffusers_golden.json";
    private static readonly Dictionary<string, Lazy<JsonDocument>> Files = new[] { KDiffusion, Diffusers }
        .ToDictionary(f => f, f => new Lazy<JsonDocument>(() => JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Diffusion", "Samplers", "Golden", f)))));

    public KDiffusionGoldenTests() => TorchRuntime.Initialize();

    [Fact]
    public void Karras_grid_matches_k_diffusion_get_sigmas_karras()
    {
        var root = Files[KDiffusion].Value.RootElement;
        var karras = root.GetProperty("karras");
        var ours = SigmaGrids.Karras(karras.GetProperty("n").GetInt32(), karras.GetProperty("sigma_min").GetDouble(),
            karras.GetProperty("sigma_max").GetDouble(), karras.GetProperty("rho").GetDouble());
        var theirs = Doubles(root.GetProperty("sigmas"));
        Assert.Equal(theirs.Length, ours.Length);
        for (var i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-13 * theirs[i], $"σ[{i}]: ours {ours[i]:R}, k-diffusion {theirs[i]:R}");
    }

    [Fact]
    public void Every_golden_case_has_a_test_row()
    {
        var rows = typeof(KDiffusionGoldenTests).GetMethod(nameof(Sampler_reproduces_the_reference_step_for_step))!
            .GetCustomAttributes<InlineDataAttribute>().Select(a => a.GetData(null!).Single())
            .Select(row => $"{row[0]}/{row[1]}").Order();
        var cases = Files.SelectMany(f => f.Value.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => $"{f.Key}/{c.GetProperty("name").GetString()}")).Order();
        Assert.Equal(cases, rows);
    }

    [Theory]
    [InlineData(KDiffusion, "euler")]
    [InlineData(KDiffusion, "euler_churn")]
    [InlineData(KDiffusion, "euler_ancestral")]
    [InlineData(KDiffusion, "euler_ancestral_eta")]
    [InlineData(KDiffusion, "heun")]
    [InlineData(KDiffusion, "heun_churn")]
    [InlineData(KDiffusion, "dpm_2")]
    [InlineData(KDiffusion, "dpm_2_churn")]
    [InlineData(KDiffusion, "lms")]
    [InlineData(KDiffusion, "lms_order3")]
    [InlineData(KDiffusion, "dpmpp_2s_ancestral")]
    [InlineData(KDiffusion, "dpmpp_2s_ancestral_eta")]
    [InlineData(KDiffusion, "dpmpp_2m")]
    [InlineData(KDiffusion, "dpmpp_2m_sde")]
    [InlineData(KDiffusion, "dpmpp_2m_sde_heun")]
    [InlineData(KDiffusion, "dpmpp_2m_sde_eta")]
    [InlineData(KDiffusion, "dpmpp_3m_sde")]
    [InlineData(KDiffusion, "dpmpp_3m_sde_eta0")]
    [InlineData(Diffusers, "ddpm")]
    [InlineData(Diffusers, "ddim")]
    [InlineData(Diffusers, "ddim_eta")]
    public void Sampler_reproduces_the_reference_step_for_step(string file, string caseName)
    {
        using var scope = NewDisposeScope();
        var root = Files[file].Value.RootElement;
        var golden = root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == caseName);
        var function = golden.GetProperty("function").GetString()!;
        var kind = SamplerRegistry.Parse(function["sample_".Length..]);
        var sigmas = Doubles(root.GetProperty("sigmas"));
        var pool = root.GetProperty("noise_pool").EnumerateArray().Select(Matrix).ToArray();
        var noise = new ReplayedNoise([.. golden.GetProperty("noise_indices").EnumerateArray().Select(i => pool[i.GetInt32()])]);
        // Anything made in the callback dies with the sampler's per-step dispose scope: copy the values out.
        var steps = new List<(int Index, double SigmaHat, double[] X, double[] Denoised)>();
        var x = SamplerRegistry.Sample(kind, Mixture(root.GetProperty("mixture")), Matrix(root.GetProperty("x0")), sigmas,
            Options(golden.GetProperty("kwargs")), noise.Sampler,
            s => steps.Add((s.Index, s.SigmaHat, Copy(s.X), Copy(s.Denoised))));

        // 1. the same noise draws, asked for with the same (σ, σ_next) where the reference passes them
        Assert.Equal(noise.Count, noise.Calls.Count);
        if (golden.GetProperty("noise_args").ValueKind == JsonValueKind.Array)
        {
            var args = golden.GetProperty("noise_args").EnumerateArray().Select(Doubles).ToArray();
            for (var k = 0; k < args.Length; k++)
                Assert.True(Close(noise.Calls[k].Sigma, args[k][0]) && Close(noise.Calls[k].SigmaNext, args[k][1]),
                    $"{caseName}: noise call {k} got ({noise.Calls[k].Sigma:R}, {noise.Calls[k].SigmaNext:R}), reference ({args[k][0]:R}, {args[k][1]:R})");
        }

        // 2. one callback per step with the same σ̂, x and denoised; 3. the same final x
        var sigmaHat = Doubles(golden.GetProperty("sigma_hat"));
        var xSteps = golden.GetProperty("x_steps").EnumerateArray().Select(Matrix).ToArray();
        var denoised = golden.GetProperty("denoised").EnumerateArray().Select(Matrix).ToArray();
        Assert.Equal(Enumerable.Range(0, sigmas.Length - 1), steps.Select(s => s.Index));
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.True(Close(steps[i].SigmaHat, sigmaHat[i]), $"{caseName}: σ̂ at step {i}: {steps[i].SigmaHat:R} vs {sigmaHat[i]:R}");
            AssertClose(steps[i].X, xSteps[i], $"{caseName}: x at step {i}");
            AssertClose(steps[i].Denoised, denoised[i], $"{caseName}: denoised at step {i}");
        }
        AssertClose(Copy(x), Matrix(golden.GetProperty("x")), $"{caseName}: final x");
    }

    /// <summary>
    /// The exact denoiser of 2-D data Σ_k w_k N(m_k, s_k² I) (the script's closed form): D(x; σ) = Σ_k r_k(x)·(m_k +
    /// s_k²/(s_k² + σ²)·(x − m_k)), r_k ∝ w_k N(x; m_k, (s_k² + σ²) I).
    /// </summary>
    private static Denoiser Mixture(JsonElement mixture)
    {
        var logW = tensor(Doubles(mixture.GetProperty("weights")).Select(w => Math.Log(w)).ToArray(), ScalarType.Float64); // [K]
        var means = Matrix(mixture.GetProperty("means"));                                         // [K, D]
        var s2 = tensor(Doubles(mixture.GetProperty("stds")), ScalarType.Float64).square();      // [K]
        var dim = means.shape[1];
        return (x, sigma) =>
        {
            var variance = s2.unsqueeze(0) + sigma.square().unsqueeze(1);                        // [B, K]
            var diff = x.unsqueeze(1) - means.unsqueeze(0);                                      // [B, K, D]
            var logits = logW.unsqueeze(0) - 0.5 * dim * variance.log() - diff.square().sum(-1) / (2 * variance);
            var r = softmax(logits, 1);                                                          // [B, K]
            var posterior = means.unsqueeze(0) + (s2.unsqueeze(0) / variance).unsqueeze(-1) * diff;
            return (r.unsqueeze(-1) * posterior).sum(1);                                         // [B, D]
        };
    }

    /// <summary>k-diffusion keyword arguments (eta, s_noise, s_churn, s_tmin, s_tmax, order, solver_type) as our options.</summary>
    private static SamplerOptions Options(JsonElement kwargs)
    {
        var options = new SamplerOptions();
        foreach (var p in kwargs.EnumerateObject())
            options = p.Name switch
            {
                "eta" => options with { Eta = p.Value.GetDouble() },
                "s_noise" => options with { SNoise = p.Value.GetDouble() },
                "s_churn" => options with { SChurn = p.Value.GetDouble() },
                "s_tmin" => options with { STmin = p.Value.GetDouble() },
                "s_tmax" => options with { STmax = p.Value.GetDouble() },
                "order" => options with { Order = p.Value.GetInt32() },
                "solver_type" => options with { SolverType = p.Value.GetString() == "heun" ? SolverType.Heun : SolverType.Midpoint },
                _ => throw new InvalidDataException($"Unknown k-diffusion argument '{p.Name}' in the golden file."),
            };
        return options;
    }

    /// <summary>Replays the draws k-diffusion consumed, in order, logging the (σ, σ_next) each was asked for.</summary>
    private sealed class ReplayedNoise(IReadOnlyList<Tensor> draws)
    {
        public List<(double Sigma, double SigmaNext)> Calls { get; } = [];

        public int Count => draws.Count;

        public NoiseSampler Sampler => (sigma, next) =>
        {
            if (Calls.Count == draws.Count)
                throw new InvalidOperationException($"Noise draw {Calls.Count + 1} requested at ({sigma}, {next}); the reference used only {draws.Count}.");
            Calls.Add((sigma, next));
            return draws[Calls.Count - 1].clone();
        };
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Abs(b));

    /// <summary>max |a − b| ≤ 1e-10·max(1, max |b|): relative to the tensor's scale, absolute near 0.</summary>
    private static void AssertClose(double[] actual, Tensor expected, string what)
    {
        var want = Copy(expected);
        Assert.Equal(want.Length, actual.Length);
        var error = actual.Zip(want, (a, b) => Math.Abs(a - b)).Max();
        var scale = Math.Max(1, want.Max(Math.Abs));
        Assert.True(error <= Tolerance * scale, $"{what}: max |ours − reference| = {error:E3} (scale {scale:G4})");
    }

    private static double[] Copy(Tensor t) => t.data<double>().ToArray();

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static Tensor Matrix(JsonElement rows)
    {
        var data = rows.EnumerateArray().Select(Doubles).ToArray();
        return tensor(data.SelectMany(r => r).ToArray(), [data.Length, data[0].Length], ScalarType.Float64);
    }
}
