using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using RoboDiffusion.Tests.Checkpoints;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

public sealed class MlpDenoiserTests
{
    public MlpDenoiserTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(MlpActivation.SiLU)]
    [InlineData(MlpActivation.Mish)]
    public void Forward_maps_a_batch_to_the_data_shape(MlpActivation activation)
    {
        using var net = new MlpDenoiser(new MlpDenoiserConfig { Width = 16, Depth = 2, Activation = activation });
        var y = net.forward(randn(5, 2), rand(5), null);
        Assert.Equal([5L, 2L], y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void Conditional_network_uses_its_condition_and_works_as_a_network_fn()
    {
        using var net = new MlpDenoiser(new MlpDenoiserConfig { DataDim = 3, CondDim = 4, Width = 16 });
        var fn = net.AsNetworkFn();
        var x = randn(6, 3);
        var t = rand(6);
        var a = fn(x, t, zeros(6, 4));
        var b = fn(x, t, ones(6, 4));
        Assert.Equal([6L, 3L], a.shape);
        Assert.False(a.allclose(b));                  // the condition reaches the output
        Assert.True(TensorBits.Same(a, net.forward(x, t, zeros(6, 4))));
    }

    [Fact]
    public void Parameter_count_matches_the_layer_sizes()
    {   // (2+32)·8+8 + 8·8+8 + 8·2+2 for DataDim 2, EmbedDim 32, Width 8, Depth 2.
        using var net = new MlpDenoiser(new MlpDenoiserConfig { Width = 8, Depth = 2 });
        Assert.Equal(34 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2, net.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Wrong_shapes_are_named_in_the_error()
    {
        using var net = new MlpDenoiser(new MlpDenoiserConfig { Width = 8 });
        Assert.Contains("[4, 3]", Assert.Throws<ArgumentException>(() => net.forward(randn(4, 3), rand(4), null)).Message);
        Assert.Contains("noise level", Assert.Throws<ArgumentException>(() => net.forward(randn(4, 2), rand(3), null)).Message);
        Assert.Contains("unconditional", Assert.Throws<ArgumentException>(() => net.forward(randn(4, 2), rand(4), ones(4, 1))).Message);
    }

    [Fact]
    public void Trained_with_the_trainer_it_learns_to_predict_the_noise_around_a_single_point()
    {   // Data is the point x0 = (1, −1): at σ = 1 the ε-target x − x0 is a linear function of the input, so the loss → 0.
        manual_seed(0);
        using var net = new MlpDenoiser(new MlpDenoiserConfig { Width = 16, Depth = 2 });
        var fn = net.AsNetworkFn();
        var x0 = tensor(new[] { 1f, -1f }).expand(64, 2);
        LossFn<Tensor> loss = (x, g) =>
        {
            var eps = randn(x.shape, generator: g);
            return nn.functional.mse_loss(fn(x + eps, ones(x.shape[0]), null), eps);
        };
        using var trainer = new Trainer<Tensor>(net, loss, new Fixed(x0), new TrainConfig
        {
            Steps = 200, LearningRate = 2e-2, WarmupSteps = 10, UseEma = false, LogEvery = 50, Progress = ProgressMode.None,
        });
        var result = trainer.Run();
        Assert.True(result.FinalLoss < 0.02, $"final loss {result.FinalLoss}");   // ε ~ N(0, I): the loss of predicting 0 is 1
    }

    private sealed class Fixed(Tensor batch) : IBatchSource<Tensor>
    {
        public Tensor GetBatch(long index, Generator generator) => batch;
    }
}
