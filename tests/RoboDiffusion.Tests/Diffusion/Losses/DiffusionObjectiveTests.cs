using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Losses;

public sealed class DiffusionObjectiveTests
{
    public DiffusionObjectiveTests() => TorchRuntime.Initialize();

    public static TheoryData<Parameterization> Kinds => [.. Enum.GetValues<Parameterization>()];

    private static (Tensor X0, Tensor Eps, Tensor Sigma) Batch()
    {
        var g = new Generator(21);
        var x0 = randn([4, 2, 3], dtype: ScalarType.Float64, generator: g);
        var eps = randn([4, 2, 3], dtype: ScalarType.Float64, generator: g);
        return (x0, eps, tensor(new[] { 0.05, 0.4, 2.0, 30.0 }));
    }

    /// <summary>Textbook targets: ε, x₀, v = α ε − σ_vp x₀, EDM's (x₀ − c_skip x)/c_out, flow ε − x₀.</summary>
    private static Tensor TrueTarget(Parameterization kind, Tensor x0, Tensor eps, Tensor sigma, double sd = 0.5)
    {
        var s = sigma.view(-1, 1, 1);
        return kind switch
        {
            Parameterization.Epsilon => eps,
            Parameterization.Sample => x0,
            Parameterization.VPrediction => (eps - s * x0) / (s * s + 1).sqrt(),
            Parameterization.Edm => (s / sd * x0 - sd * eps) / (s * s + sd * sd).sqrt(),
            _ => eps - x0,
        };
    }

    private static DiffusionObjective Objective(Parameterization kind, LossWeighting weighting = LossWeighting.None) =>
        DiffusionObjectives.Create(new ObjectiveConfig { Parameterization = kind, Weighting = weighting });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_oracle_network_has_zero_loss_and_the_loss_grows_with_its_error(Parameterization kind)
    {
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        var objective = Objective(kind);
        var target = TrueTarget(kind, x0, eps, sigma);
        var direction = ones_like(x0);
        double[] losses = [.. new[] { 1.0, 0.3, 0.0 }.Select(delta =>
            objective.Loss((_, _, _) => target + delta * direction, x0, null, sigma, eps).max().item<double>())];
        Assert.Equal(1.0, losses[0], 9);                                            // error of 1 everywhere, unweighted
        Assert.Equal(0.09, losses[1], 9);
        Assert.True(losses[2] < 1e-20, $"{kind}: oracle loss {losses[2]}");
    }

    [Fact]
    public void Min_snr_weights_match_hang_et_al_for_epsilon_v_and_sample()
    {   // Hang et al. (2023): ε: min(SNR, γ)/SNR; v: min(SNR, γ)/(SNR + 1); x₀: min(SNR, γ); SNR = 1/σ², γ = 5.
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        var snr = sigma.square().reciprocal();
        var minSnr = snr.clamp_max(5.0);
        (Parameterization Kind, Tensor Expected)[] cases =
        [
            (Parameterization.Epsilon, minSnr / snr),
            (Parameterization.VPrediction, minSnr / (snr + 1)),
            (Parameterization.Sample, minSnr),
        ];
        foreach (var (kind, expected) in cases)
        {   // A network off by exactly 1 everywhere has per-sample loss w(σ).
            var target = TrueTarget(kind, x0, eps, sigma);
            var loss = Objective(kind, LossWeighting.MinSnr).Loss((_, _, _) => target + 1, x0, null, sigma, eps);
            Assert.True(loss.allclose(expected, rtol: 1e-9, atol: 0), $"{kind}: {string.Join(", ", loss.data<double>().ToArray())}");
        }
    }

    [Fact]
    public void Snr_weighting_turns_every_parameterization_into_the_snr_weighted_x0_error()
    {   // w_x₀ = SNR: ε-MSE is already SNR·‖x̂₀ − x₀‖² (weight 1); x₀-prediction gets weight SNR = 1/σ².
        using var scope = NewDisposeScope();
        var (_, _, sigma) = Batch();
        Assert.True(Objective(Parameterization.Epsilon, LossWeighting.Snr).Weight(sigma).allclose(ones_like(sigma)));
        Assert.True(Objective(Parameterization.Sample, LossWeighting.Snr).Weight(sigma).allclose(sigma.square().reciprocal()));
        Assert.True(Objective(Parameterization.Edm).Weight(sigma).allclose(ones_like(sigma)));
    }

    [Fact]
    public void Edm_loss_equals_lambda_weighted_denoiser_error_of_the_sampling_denoiser()
    {   // Karras et al. (2022), eq. 8: ‖F − F_target‖² = λ(σ)·‖D(x; σ) − x₀‖², λ = (σ² + σ_d²)/(σ·σ_d)²; any network.
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        NetworkFn net = (input, level, _) => input.sin() + level.view(-1, 1, 1);
        var objective = Objective(Parameterization.Edm);
        var loss = objective.Loss(net, x0, null, sigma, eps);
        var denoised = objective.Denoiser(net)(x0 + sigma.view(-1, 1, 1) * eps, sigma, null);
        var lambda = (sigma.square() + 0.25) / (sigma * 0.5).square();
        var expected = lambda * (denoised - x0).square().flatten(1).mean([1]);
        Assert.True(loss.allclose(expected, rtol: 1e-9, atol: 0));
    }

    [Fact]
    public void Epsilon_loss_is_the_denoiser_error_over_sigma_squared()
    {   // x̂₀ = x − σ ε̂, so ‖ε̂ − ε‖² = ‖D − x₀‖²/σ²: training and sampling share one parameterization.
        using var scope = NewDisposeScope();
        var (x0, eps, sigma) = Batch();
        NetworkFn net = (input, level, _) => input.cos() * (level.view(-1, 1, 1) / 1000);
        var objective = Objective(Parameterization.Epsilon);
        var loss = objective.Loss(net, x0, null, sigma, eps);
        var denoised = objective.Denoiser(net)(x0 + sigma.view(-1, 1, 1) * eps, sigma, null);
        Assert.True(loss.allclose((denoised - x0).square().flatten(1).mean([1]) / sigma.square(), rtol: 1e-9, atol: 0));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_same_seed_gives_the_same_loss_and_another_seed_a_different_one(Parameterization kind)
    {
        using var scope = NewDisposeScope();
        var x0 = randn([16, 2], generator: new Generator(0));
        NetworkFn net = (input, level, _) => input * 0.5 + level.view(-1, 1) * 0.01;
        var objective = Objective(kind);
        var a = objective.Loss(net, x0, null, new Generator(9));
        var b = objective.Loss(net, x0, null, new Generator(9));
        var c = objective.Loss(net, x0, null, new Generator(10));
        Assert.Equal([16L], a.shape);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(a.equal(c).all().item<bool>());
        Assert.True(a.ge(0).all().item<bool>() && a.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_batch_of_scalars_gives_one_loss_per_sample()
    {   // x₀ of shape [B]: a network answering 0 for ε-prediction has loss ε².
        using var scope = NewDisposeScope();
        var eps = tensor(new[] { 1.0, -2.0, 0.5 });
        var loss = Objective(Parameterization.Epsilon).Loss((x, _, _) => zeros_like(x), zeros(3, dtype: ScalarType.Float64),
            null, tensor(new[] { 0.1, 1.0, 10.0 }), eps);
        Assert.Equal(new[] { 1.0, 4.0, 0.25 }, loss.data<double>().ToArray());
    }

    [Fact]
    public void An_oracle_recovering_sigma_from_its_noise_input_has_zero_loss_on_drawn_levels()
    {   // EDM: c_noise = ln σ/4 ⇒ σ = exp(4 c_noise); input c_in·x ⇒ ε = (input/c_in − x₀)/σ.
        using var scope = NewDisposeScope();
        var x0 = randn([64, 3], dtype: ScalarType.Float64, generator: new Generator(4)) * 0.5;
        NetworkFn oracle = (input, level, _) =>
        {
            var s = (4 * level).exp().view(-1, 1);
            var eps = (input * (s * s + 0.25).sqrt() - x0) / s;
            return (s / 0.5 * x0 - 0.5 * eps) / (s * s + 0.25).sqrt();
        };
        var loss = Objective(Parameterization.Edm).Loss(oracle, x0, null, new Generator(2));
        Assert.True(loss.max().item<double>() < 1e-18, loss.max().item<double>().ToString());
    }
}
