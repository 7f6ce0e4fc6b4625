using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_and_reports_version_2_10()
    {
        TorchRuntime.Initialize();
        Assert.StartsWith("2.10", TorchRuntime.LibTorchVersion);
        var expected = int.TryParse(Environment.GetEnvironmentVariable("RD_THREADS"), out var n) && n >= 1 ? n : Environment.ProcessorCount;
        Assert.Equal(expected, get_num_threads());   // every core, unless RD_THREADS asks for fewer
    }

    [Fact]
    public void A_linear_regression_fits_with_adamw_through_the_native_library()
    {   // y = 3x − 2 is recovered by gradient descent: autograd, optimizer and BLAS all run natively.
        TorchRuntime.Initialize();
        manual_seed(0);
        var x = linspace(-1, 1, 64).unsqueeze(1);
        var y = 3 * x - 2;
        var layer = nn.Linear(1, 1);
        var opt = optim.AdamW(layer.parameters(), lr: 0.05);
        for (var i = 0; i < 500; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var loss = nn.functional.mse_loss(layer.forward(x), y);
            loss.backward();
            opt.step();
        }
        Assert.InRange(layer.weight!.item<float>(), 2.95f, 3.05f);
        Assert.InRange(layer.bias!.item<float>(), -2.05f, -1.95f);
    }
}
