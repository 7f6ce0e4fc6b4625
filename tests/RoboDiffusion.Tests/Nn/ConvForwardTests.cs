using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RoboDiffusion.Tests.Nn;

/// <summary>
/// fp32 convolutions through <see cref="ConvForward"/> against the same convolution in float64, values and gradients,
/// on shapes where libtorch 2.10's own CPU kernels are wrong on this machine (<see cref="ConvKernelCheck"/>) and on
/// ordinary ones. fp32 rounding allows ≈ 1e-7 relative error; the broken kernels give 0.1-0.6 or NaN.
/// </summary>
public sealed class ConvForwardTests
{
    private const double Tolerance = 1e-5;

    public ConvForwardTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(32, 6, 5, 1, 2, 8)]     // gradients wrong in libtorch for < 16 output channels at k = 5
    [InlineData(16, 8, 5, 1, 2, 4)]
    [InlineData(4, 4, 3, 1, 1, 2)]
    [InlineData(32, 128, 5, 1, 2, 8)]   // an ordinary U-Net shape
    [InlineData(32, 32, 3, 2, 1, 3)]    // the down-sampling convolution
    public void Conv1d_values_and_gradients_match_float64(int cin, int cout, int k, int stride, int padding, int batch)
    {
        manual_seed(21);
        using var conv = nn.Conv1d(cin, cout, k, stride: stride, padding: padding);
        AssertMatchesFloat64(conv.weight!, conv.bias!, batch, cin,
            x => ConvForward.Conv1d(conv, x, padding, stride),
            (x, w, b) => F.conv1d(x, w, b, stride, padding));
    }

    [Theory]
    [InlineData(64, 48, 2)]   // libtorch's fp32 kernel is wrong for 33-48, 65-80, … output channels at batch ≥ 2
    [InlineData(32, 80, 4)]
    [InlineData(64, 64, 2)]
    public void Conv_transpose1d_values_and_gradients_match_float64(int cin, int cout, int batch)
    {
        manual_seed(22);
        using var up = nn.ConvTranspose1d(cin, cout, 4, stride: 2, padding: 1);
        AssertMatchesFloat64(up.weight!, up.bias!, batch, cin,
            x => ConvForward.ConvTranspose1d(up, x, padding: 1, stride: 2),
            (x, w, b) => F.conv_transpose1d(x, w, b, 2, 1));
    }

    private static void AssertMatchesFloat64(Tensor weight, Tensor bias, int batch, int cin,
        Func<Tensor, Tensor> layer, Func<Tensor, Tensor, Tensor, Tensor> reference)
    {
        var x = randn(batch, cin, 24).requires_grad_(true);
        var y = layer(x);
        var r = randn(y.shape);
        (y * r).sum().backward();
        var (dx, dw) = (x.grad!.clone(), weight.grad!.clone());

        var x64 = x.detach().to(float64).requires_grad_(true);
        var w64 = weight.detach().to(float64).requires_grad_(true);
        var y64 = reference(x64, w64, bias.detach().to(float64));
        (y64 * r.to(float64)).sum().backward();
        Assert.Equal(y64.shape, y.shape);
        foreach (var (got, want) in new[] { (y, y64), (dx, x64.grad!), (dw, w64.grad!) })
        {
            var error = ((got.detach().to(float64) - want).norm() / want.norm()).item<double>();
            Assert.InRange(error, 0, Tolerance);
        }
    }
}
