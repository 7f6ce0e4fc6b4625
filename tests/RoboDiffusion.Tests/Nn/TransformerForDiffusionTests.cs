using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using RoboDiffusion.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

public sealed class TransformerForDiffusionTests
{
    private static readonly TransformerForDiffusionConfig Small = new()
    {
        InputDim = 2, OutputDim = 3, Horizon = 6, NObsSteps = 3, CondDim = 4, NLayer = 2, NHead = 2, NEmb = 16,
    };

    public TransformerForDiffusionTests() => TorchRuntime.Initialize();

    [Fact]
    public void Push_t_state_config_has_the_parameter_count_of_the_layer_arithmetic()
    {   // Paper's DP-T for Push-T state: E 256, 8 layers, 4 heads, T 10, To 2, 20 observation values, 2 actions.
        // By hand (E = 256): decoder 8·(16E² + 19E) = 8,427,520; memory MLP 8E² + 5E = 525,568; input 768; positions
        // 10E = 2,560; observation tokens 20E + E = 5,376; memory positions 3E = 768; final norm 512; head 514.
        var config = new TransformerForDiffusionConfig { InputDim = 2, OutputDim = 2, Horizon = 10, NObsSteps = 2, CondDim = 20 };
        using var net = new TransformerForDiffusion(config);
        Assert.Equal(8_963_586L, Count(net));
        Assert.Equal(8_963_586L, ExpectedParameters(config));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(4, 2)]
    [InlineData(0, 1)]
    public void Parameter_count_of_small_networks_matches_the_layer_arithmetic(int condDim, int condLayers)
    {
        var config = Small with { CondDim = condDim, NCondLayers = condLayers };
        using var net = new TransformerForDiffusion(config);
        Assert.Equal(ExpectedParameters(config), Count(net));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Output_has_shape_batch_by_horizon_by_output_dim(int batch)
    {
        using var net = new TransformerForDiffusion(Small);
        using var _ = no_grad();
        var y = net.forward(randn(batch, 6, 2), full(batch, 5L), randn(batch, 3, 4));
        Assert.Equal([batch, 6L, 3L], y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void Flattened_condition_gives_the_same_output_as_per_step_tokens()
    {
        using var net = Float64Net(Small, 4);
        using var _ = no_grad();
        var (x, t, c) = Inputs(2, 5);
        Assert.True(net.forward(x, t, c).allclose(net.forward(x, t, c.reshape(2, 12)), rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Changing_later_action_tokens_leaves_earlier_outputs_unchanged(int t)
    {   // Causal self-attention: output t depends on action tokens 0..t only.
        using var net = Float64Net(Small, 6);
        using var _ = no_grad();
        var (x, steps, c) = Inputs(2, 7);
        var changed = x.clone();
        changed[.., (t + 1)..] += randn(2, 5 - t, 2, dtype: ScalarType.Float64);
        var y = net.forward(x, steps, c);
        var y2 = net.forward(changed, steps, c);
        Assert.True(y[.., ..(t + 1)].allclose(y2[.., ..(t + 1)], rtol: 1e-12, atol: 1e-12), "earlier outputs moved");
        Assert.False(y[.., (t + 1)..].allclose(y2[.., (t + 1)..], rtol: 1e-6, atol: 1e-9), "later outputs did not react");
    }

    [Fact]
    public void Without_causal_attention_later_actions_reach_earlier_outputs()
    {
        using var net = Float64Net(Small with { CausalAttn = false }, 8);
        using var _ = no_grad();
        var (x, steps, c) = Inputs(2, 9);
        var changed = x.clone();
        changed[.., 5..] += 1.0;
        Assert.False(net.forward(x, steps, c)[.., 0].allclose(net.forward(changed, steps, c)[.., 0], rtol: 1e-6, atol: 1e-9));
    }

    [Fact]
    public void Last_observation_step_reaches_exactly_the_actions_at_or_after_its_time()
    {   // The original's memory mask t ≥ s − 1: action t sees the step token and observation steps 0..t,
        // so with To = 3 observation step 2 changes outputs 2..5 and leaves outputs 0 and 1 alone.
        using var net = Float64Net(Small, 10);
        using var _ = no_grad();
        var (x, steps, c) = Inputs(2, 11);
        var changed = c.clone();
        changed[.., 2] += randn(2, 4, dtype: ScalarType.Float64);
        var y = net.forward(x, steps, c);
        var y2 = net.forward(x, steps, changed);
        Assert.True(y[.., ..2].allclose(y2[.., ..2], rtol: 1e-12, atol: 1e-12), "actions before the last observation saw it");
        for (var t = 2; t < 6; t++)
            Assert.False(y[.., t].allclose(y2[.., t], rtol: 1e-6, atol: 1e-9), $"output {t} ignores the last observation");
    }

    [Fact]
    public void Diffusion_step_reaches_every_output()
    {
        using var net = Float64Net(Small, 12);
        using var _ = no_grad();
        var (x, steps, c) = Inputs(2, 13);
        var y = net.forward(x, steps, c);
        var y2 = net.forward(x, steps + 30, c);
        for (var t = 0; t < 6; t++) Assert.False(y[.., t].allclose(y2[.., t], rtol: 1e-6, atol: 1e-9), $"output {t}");
    }

    [Fact]
    public void Each_batch_element_is_computed_independently_of_the_others()
    {
        using var net = Float64Net(Small with { NCondLayers = 1 }, 14);
        using var _ = no_grad();
        var (x, t, c) = Inputs(4, 15);
        var batched = net.forward(x, t, c);
        for (var b = 0; b < 4; b++)
        {
            var alone = net.forward(x[b..(b + 1)], t[b..(b + 1)], c[b..(b + 1)]);
            Assert.True(alone.allclose(batched[b..(b + 1)], rtol: 1e-10, atol: 1e-12), $"row {b} differs");
        }
        Assert.False(batched[0].allclose(batched[1]));
    }

    [Fact]
    public void Weights_start_as_the_originals_init()
    {   // _init_weights: LayerNorm 1 and 0, Linear biases 0, Linear weights and position embeddings N(0, 0.02²).
        using var net = new TransformerForDiffusion(Small with { NEmb = 64, NCondLayers = 1 }, new Generator(16));
        var ps = net.named_parameters().ToList();
        var norms = ps.Where(p => p.name.Contains("norm") || p.name.StartsWith("lnF")).ToList();
        Assert.Equal(2 * (2 * 3 + 2 + 1), norms.Count);          // 3 per decoder layer, 2 per encoder layer, final
        foreach (var (name, p) in norms) Assert.True(p.eq(name.EndsWith("weight") ? 1 : 0).all().item<bool>(), name);
        foreach (var (name, p) in ps.Where(p => p.name.EndsWith("bias") && !norms.Any(n => n.name == p.name)))
            Assert.True(p.eq(0).all().item<bool>(), name);
        var weights = cat(ps.Where(p => p.name.EndsWith("weight") && !norms.Any(n => n.name == p.name))
            .Select(p => p.parameter.flatten()).ToArray());
        Assert.InRange(weights.std().item<float>(), 0.0195, 0.0205);  // > 10⁵ draws: sampling error ≈ 0.2 %
        Assert.InRange(weights.mean().item<float>(), -5e-4, 5e-4);
    }

    [Fact]
    public void The_same_generator_seed_gives_the_same_weights()
    {
        using var a = new TransformerForDiffusion(Small, new Generator(17));
        using var b = new TransformerForDiffusion(Small, new Generator(17));
        using var c = new TransformerForDiffusion(Small, new Generator(18));
        static bool Same(Tensor x, Tensor y) => x.eq(y).all().item<bool>();
        Assert.Empty(a.named_parameters().Zip(b.parameters()).Where(p => !Same(p.First.parameter, p.Second)).Select(p => p.First.name));
        Assert.Contains(a.parameters().Zip(c.parameters()), p => !Same(p.First, p.Second));
    }

    [Theory]
    [InlineData("NEmb", 15, "NEmb")]
    [InlineData("NHead", 3, "divide NEmb")]
    [InlineData("Horizon", 0, "Horizon")]
    [InlineData("CondDim", -1, "CondDim")]
    [InlineData("PDropAttn", 1, "PDropAttn")]
    public void Bad_configs_are_rejected_with_the_field_named(string field, int value, string message)
    {
        var config = field switch
        {
            "NEmb" => Small with { NEmb = value },
            "NHead" => Small with { NHead = value },
            "Horizon" => Small with { Horizon = value },
            "CondDim" => Small with { CondDim = value },
            _ => Small with { PDropAttn = value },
        };
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => config.Validated()).Message);
        Assert.Throws<ArgumentException>(() => new TransformerForDiffusion(config));
    }

    [Fact]
    public void Wrong_input_shapes_are_named_in_the_error()
    {
        using var net = new TransformerForDiffusion(Small);
        var t = zeros(3);
        var c = randn(3, 3, 4);
        Assert.Contains("[B, 6, 2]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 5, 2), t, c)).Message);
        Assert.Contains("got [3, 6, 5]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 6, 5), t, c)).Message);
        Assert.Contains("noise level [3]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 6, 2), zeros(2), c)).Message);
        Assert.Contains("[3, 3, 4]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 6, 2), t, null)).Message);
        Assert.Contains("got [3, 2, 4]", Assert.Throws<ArgumentException>(() => net.forward(randn(3, 6, 2), t, randn(3, 2, 4))).Message);
        using var uncond = new TransformerForDiffusion(Small with { CondDim = 0 });
        Assert.Contains("CondDim = 0", Assert.Throws<ArgumentException>(() => uncond.forward(randn(3, 6, 2), t, c)).Message);
    }

    [Fact]
    public void Training_with_epsilon_prediction_reduces_the_loss_on_a_tiny_dataset()
    {   // TinyEpsilonTraining: predicting ε = 0 would score 1.
        manual_seed(3);
        var config = new TransformerForDiffusionConfig
        {
            InputDim = 2, OutputDim = 2, Horizon = 8, NObsSteps = 1, CondDim = 2, NLayer = 2, NHead = 2, NEmb = 32,
        };
        using var net = new TransformerForDiffusion(config, new Generator(3));
        var (x0, cond) = TinyEpsilonTraining.Circles();
        var (before, after) = TinyEpsilonTraining.Run(net, net.AsNetworkFn(), x0, cond.unsqueeze(1));
        Assert.True(after < 0.5 * before && after < 0.5, $"ε loss {before:F3} → {after:F3}");
    }

    private static long Count(nn.Module net) => net.parameters().Sum(p => p.numel());

    /// <summary>
    /// Parameters from the architecture, layer by layer (weights + biases): attention 3E² + 3E (in-projection) +
    /// E² + E (out-projection); feed-forward E·4E + 4E + 4E·E + E; LayerNorm 2E.
    /// </summary>
    private static long ExpectedParameters(TransformerForDiffusionConfig c)
    {
        long e = c.NEmb, s = 1 + (c.CondDim > 0 ? c.NObsSteps : 0);
        long Linear(long i, long o) => i * o + o;
        var attention = Linear(e, 3 * e) + Linear(e, e);
        var feedForward = Linear(e, 4 * e) + Linear(4 * e, e);
        var decoderLayer = 2 * attention + feedForward + 3 * 2 * e;
        var encoder = c.NCondLayers > 0 ? c.NCondLayers * (attention + feedForward + 2 * 2 * e) : Linear(e, 4 * e) + Linear(4 * e, e);
        var observations = c.CondDim > 0 ? Linear(c.CondDim, e) : 0;
        return Linear(c.InputDim, e) + c.Horizon * e + observations + s * e + encoder
            + c.NLayer * decoderLayer + 2 * e + Linear(e, c.OutputDim);
    }

    private static TransformerForDiffusion Float64Net(TransformerForDiffusionConfig config, int seed)
    {
        var net = new TransformerForDiffusion(config, new Generator((ulong)seed));
        net.to(ScalarType.Float64).eval();
        return net;
    }

    private static (Tensor X, Tensor T, Tensor C) Inputs(int batch, int seed)
    {
        using var g = new Generator((ulong)seed);
        return (randn([batch, 6, 2], ScalarType.Float64, generator: g),
            tensor(Enumerable.Range(0, batch).Select(i => 3.0 + 17 * i).ToArray()),
            randn([batch, 3, 4], ScalarType.Float64, generator: g));
    }
}
