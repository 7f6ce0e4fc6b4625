using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Denoisers;

public sealed class ParameterizationTests
{
    private static readonly DiscreteSchedule Schedule = new();

    public ParameterizationTests() => TorchRuntime.Initialize();

    /// <summary>x₀ [4, 3], ε [4, 3] and σ [4] spanning small to large noise, float64.</summary>
    private static (Tensor X0, Tensor Eps, Tensor Sigma) Batch()
    {
        var g = new Generator(7);
        var x0 = randn([4, 3], dtype: ScalarType.Float64, generator: g);
        var eps = randn([4, 3], dtype: ScalarType.Float64, generator: g);
        return (x0, eps, tensor(new[] { 0.02, 0.5, 3.0, 80.0 }));
    }

    private static Tensor Col(Tensor sigma) => sigma.view(-1, 1);

    /// <summary>The exact network of each parameterization from the textbook definitions of its target.</summary>
    private static NetworkFn Oracle(Parameterization kind, Tensor x0, Tensor eps, Tensor sigma, double sigmaData = 0.5) =>
        (_, _, _) =>
        {
            var s = Col(sigma);
            var alpha = (s * s + 1).rsqrt();                                  // VP α = 1/√(σ²+1)
            var sd = sigmaData;
            return kind switch
            {
                Parameterization.Epsilon => eps,
                Parameterization.Sample => x0,
                Parameterization.VPrediction => alpha * eps - s * alpha * x0,    // Salimans & Ho: v = α ε − σ_vp x₀
                Parameterization.Edm => (x0 - sd * sd / (s * s + sd * sd) * (x0 + s * eps)) / (s * sd / (s * s + sd * sd).sqrt()),
                Parameterization.FlowMatching => eps - x0,
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        };

    public static TheoryData<Parameterization> Kinds => [.. Enum.GetValues<Parameterization>()];

    private static IParameterization Create(Parameterization kind) => kind switch
    {
        Parameterization.Epsilon => new EpsilonParameterization(Schedule),
        Parameterization.Sample => new SampleParameterization(Schedule),
        Parameterization.VPrediction => new VParameterization(Schedule),
        Parameterization.Edm => new EdmParameterization(0.5),
        _ => new FlowMatchingParameterization(),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_oracle_network_makes_the_denoiser_return_the_clean_sample(Parameterization kind)
    {
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        var p = Create(kind);
        Assert.Equal(kind, p.Kind);
        var denoised = p.Denoiser(Oracle(kind, x0, eps, sigma))(x0 + Col(sigma) * eps, sigma, null);
        Assert.True(denoised.allclose(x0, rtol: 0, atol: 1e-12), $"{kind}: max error {(denoised - x0).abs().max().item<double>()}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_closed_form_target_is_edm_effective_target_x0_minus_cskip_x_over_cout(Parameterization kind)
    {   // Karras et al. (2022), eq. 8: F_target = (x₀ − c_skip·x)/c_out, x = x₀ + σ ε.
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        var p = Create(kind);
        var s = p.GetScalings(sigma);
        var generic = (x0 - Col(s.CSkip) * (x0 + Col(sigma) * eps)) / Col(s.COut);
        Assert.True(p.Target(x0, eps, sigma).allclose(generic, rtol: 1e-9, atol: 1e-9), kind.ToString());
    }

    [Fact]
    public void A_ddpm_network_sees_the_vp_sample_and_the_integer_timestep()
    {   // x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε at t ∈ {3, 250, 999} (Ho et al. 2020, eq. 4).
        using var scope = NewDisposeScope();
        int[] steps = [3, 250, 999];
        var g = new Generator(1);
        var x0 = randn([3, 2], dtype: ScalarType.Float64, generator: g);
        var eps = randn([3, 2], dtype: ScalarType.Float64, generator: g);
        var sigma = tensor(steps.Select(t => Schedule.Sigmas[t]).ToArray());
        var abar = tensor(steps.Select(t => Schedule.AlphasCumprod[t]).ToArray()).view(-1, 1);
        Tensor? seenInput = null, seenLevel = null;
        NetworkFn spy = (input, level, _) => { seenInput = input; seenLevel = level; return eps; };
        new EpsilonParameterization(Schedule).Denoiser(spy)(x0 + sigma.view(-1, 1) * eps, sigma, null);
        Assert.True(seenInput!.allclose(abar.sqrt() * x0 + (1 - abar).sqrt() * eps, rtol: 0, atol: 1e-12));
        Assert.Equal(new[] { 3.0, 250.0, 999.0 }, seenLevel!.data<double>().ToArray().Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void A_flow_network_sees_the_interpolant_and_scaled_time()
    {   // σ = t/(1 − t): the network input is x_t = (1 − t)·x₀ + t·ε and its time input is 1000·t.
        using var scope = NewDisposeScope();
        var (x0, eps, _) = Batch();
        var t = tensor(new[] { 0.1, 0.5, 0.8, 0.99 });
        var sigma = t / (1 - t);
        Tensor? seenInput = null, seenLevel = null;
        NetworkFn spy = (input, level, _) => { seenInput = input; seenLevel = level; return eps - x0; };
        var denoised = new FlowMatchingParameterization(1000).Denoiser(spy)(x0 + Col(sigma) * eps, sigma, null);
        Assert.True(seenInput!.allclose((1 - Col(t)) * x0 + Col(t) * eps, rtol: 0, atol: 1e-12));
        Assert.True(seenLevel!.allclose(t * 1000, rtol: 0, atol: 1e-9));
        Assert.True(denoised.allclose(x0, rtol: 0, atol: 1e-10));
    }

    [Fact]
    public void Edm_scalings_give_unit_variance_input_and_target_and_identity_as_sigma_vanishes()
    {   // c_in²·(σ² + σ_d²) = 1; Var[F_target] = 1 for data with std σ_d; c_skip → 1, c_out → 0 as σ → 0 (D → x).
        using var scope = NewDisposeScope();
        const double sd = 0.5;
        var p = new EdmParameterization(sd);
        var sigma = tensor(new[] { 1e-9, 0.1, 1.0, 80.0 });
        var s = p.GetScalings(sigma);
        Assert.True((s.CIn.square() * (sigma.square() + sd * sd)).allclose(ones(4, dtype: ScalarType.Float64)));
        Assert.Equal(1.0, s.CSkip[0].item<double>(), 12);
        Assert.Equal(0.0, s.COut[0].item<double>(), 8);
        Assert.True(s.CNoise.allclose(sigma.log() / 4));
        var g = new Generator(3);
        var x0 = randn([20000, 1], dtype: ScalarType.Float64, generator: g) * sd;
        var eps = randn([20000, 1], dtype: ScalarType.Float64, generator: g);
        foreach (var level in new[] { 0.05, 0.5, 5.0 })
        {
            var target = p.Target(x0, eps, full([20000], level, dtype: ScalarType.Float64));
            Assert.InRange(target.var().item<double>(), 0.97, 1.03);
        }
    }

    [Fact]
    public void The_denoiser_rejects_mismatched_sigma_negative_sigma_and_misshapen_network_output()
    {
        using var scope = NewDisposeScope();
        var d = new EdmParameterization().Denoiser((x, _, _) => x);
        var x = zeros(4, 3);
        var shape = Assert.Throws<ArgumentException>(() => d(x, ones(3), null));
        Assert.Contains("[B] = [4]", shape.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => d(x, full([4], -1f), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => d(x, full([4], float.NaN), null));
        var bad = new EdmParameterization().Denoiser((input, _, _) => input.sum(1));
        Assert.Throws<InvalidOperationException>(() => bad(x, ones(4), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EdmParameterization(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowMatchingParameterization(double.NaN));
    }
}
