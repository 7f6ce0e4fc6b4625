using RoboDiffusion.Nn;
using RoboDiffusion.Runtime;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RoboDiffusion.Tests.Nn;

/// <summary>
/// bf16 mixed precision of the convolutions. bf16 keeps 8 significant bits, so rounding a number changes it by at most
/// u = 2⁻⁸ relatively; a product of two rounded factors is off by ≤ 2u + u², and the bf16 output by u more. Summed in
/// fp32 (oneDNN), a convolution output therefore lies within (3u + u²)·Σ|xᵢ·wᵢ| (+ u·|b|) of the exact one: the bound
/// the tests check, computed in float64 from |x| and |w|. Shapes on which libtorch's bf16 kernel is wrong must fall
/// back and so also meet it.
/// </summary>
public sealed class MixedPrecisionTests
{
    private const double U = 1.0 / 256;

    public MixedPrecisionTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(32, 128, 5, 1, 2, 2)]    // a U-Net block convolution at batch 2 (oneDNN)
    [InlineData(128, 128, 3, 2, 1, 4)]   // the down-sampling convolution
    [InlineData(256, 128, 1, 1, 0, 1)]   // a 1×1 residual at batch 1
    [InlineData(4, 4, 3, 1, 1, 16)]      // shapes on which libtorch 2.10's bf16 convolution is wrong (ConvKernelCheck)
    [InlineData(8, 8, 5, 1, 2, 8)]
    [InlineData(32, 6, 5, 1, 2, 8)]
    public void Bf16_conv1d_stays_within_the_rounding_bound_and_returns_fp32(int cin, int cout, int k, int stride, int padding, int batch)
    {
        manual_seed(11);
        using var conv = nn.Conv1d(cin, cout, k, stride: stride, padding: padding);
        var x = randn(batch, cin, 40);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.Conv1d(conv, x, padding, stride);
        Assert.Equal(ScalarType.Float32, got.dtype);
        AssertWithinRoundingBound(got, x, conv.weight!, conv.bias!, (xx, w, b) => F.conv1d(xx, w, b, stride, padding));
    }

    [Fact]
    public void A_well_supported_shape_really_runs_in_bf16()
    {
        manual_seed(15);
        using var conv = nn.Conv1d(32, 128, 5, padding: 2);
        var x = randn(2, 32, 40);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.Conv1d(conv, x, 2);
        // every value is a bf16 number (an fp32 product would not round like this), and differs from fp32's
        Assert.True((got == got.to(ScalarType.BFloat16).to(ScalarType.Float32)).all().item<bool>());
        Assert.False((got == conv.forward(x)).all().item<bool>());
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(64, 48)]   // wrong in libtorch 2.10's bf16 path: must fall back
    public void Bf16_conv_transpose1d_stays_within_the_rounding_bound(int cin, int cout)
    {
        manual_seed(12);
        using var up = nn.ConvTranspose1d(cin, cout, 4, stride: 2, padding: 1);
        var x = randn(3, cin, 16);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.ConvTranspose1d(up, x, padding: 1, stride: 2);
        Assert.Equal(new long[] { 3, cout, 32 }, got.shape);
        AssertWithinRoundingBound(got, x, up.weight!, up.bias!, (xx, w, b) => F.conv_transpose1d(xx, w, b, 2, 1));
    }

    [Theory]
    [InlineData(64, 64, 3, 1, 1)]     // a ResNet-18 basic-block convolution
    [InlineData(64, 128, 3, 2, 1)]    // the first convolution of a stage (stride 2)
    [InlineData(64, 128, 1, 2, 0)]    // its 1×1 shortcut
    [InlineData(3, 64, 7, 2, 3)]      // the stem on RGB images (3 channels: libtorch's bf16 path may be wrong there)
    [InlineData(512, 32, 1, 1, 0)]    // the spatial-softmax keypoint convolution
    public void Bf16_conv2d_stays_within_the_rounding_bound_and_returns_fp32(int cin, int cout, int k, int stride, int padding)
    {
        manual_seed(16);
        using var conv = nn.Conv2d(cin, cout, k, stride: stride, padding: padding);
        var x = randn(2, cin, 21, 21);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.Conv2d(conv, x);
        Assert.Equal(ScalarType.Float32, got.dtype);
        AssertWithinRoundingBound(got, x, conv.weight!, conv.bias!,
            (xx, w, b) => F.conv2d(xx, w, b, [stride, stride], [padding, padding]));
    }

    [Fact]
    public void A_well_supported_2d_shape_really_runs_in_bf16_and_falls_back_outside_the_scope()
    {
        manual_seed(17);
        using var conv = nn.Conv2d(64, 64, 3, padding: 1);
        var x = randn(2, 64, 12, 12);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.Conv2d(conv, x);
        Assert.True((got == got.to(ScalarType.BFloat16).to(ScalarType.Float32)).all().item<bool>());
        Assert.False((got == conv.forward(x)).all().item<bool>());
        Assert.True((ConvForward.Conv2d(conv, x) == conv.forward(x)).all().item<bool>());   // fp32 outside the scope
    }

    [Fact]
    public void A_conv2d_with_different_strides_per_axis_keeps_its_own_fp32_forward()
    {
        manual_seed(18);
        using var conv = nn.Conv2d(32, 32, (3L, 3L), stride: (1L, 2L), padding: (1L, 1L));
        var x = randn(2, 32, 10, 10);
        Tensor got;
        using (MixedPrecision.Bf16()) got = ConvForward.Conv2d(conv, x);
        Assert.Equal(new long[] { 2, 32, 10, 5 }, got.shape);
        Assert.True((got == conv.forward(x)).all().item<bool>());
    }

    /// <summary>|got − exact| ≤ (3u + u²)·conv(|x|, |w|) + u·|b| elementwise, all in float64 (class summary).</summary>
    private static void AssertWithinRoundingBound(Tensor got, Tensor x, Tensor weight, Tensor bias,
        Func<Tensor, Tensor, Tensor?, Tensor> conv64)
    {
        var (x64, w64, b64) = (x.to(float64), weight.to(float64), bias.to(float64));
        var exact = conv64(x64, w64, b64);
        long[] perChannel = [1, -1, .. Enumerable.Repeat(1L, (int)got.dim() - 2)];   // b broadcast over [B, O, T] or [B, O, H, W]
        var bound = (3 * U + U * U) * conv64(x64.abs(), w64.abs(), null) + U * b64.abs().view(perChannel) + 1e-6;
        Assert.True(((got.to(float64) - exact).abs() <= bound).all().item<bool>());
    }

    [Fact]
    public void Gradients_reach_the_fp32_weights_close_to_the_fp32_ones()
    {
        manual_seed(13);
        using var conv = nn.Conv1d(64, 64, 5, padding: 2);
        var x = randn(4, 64, 32);
        var target = randn(4, 64, 32);
        Tensor Grad(bool bf16)
        {
            conv.zero_grad();
            using (MixedPrecision.Bf16(bf16)) F.mse_loss(ConvForward.Conv1d(conv, x, 2), target).backward();
            return conv.weight!.grad!.clone();
        }
        var g32 = Grad(false);
        var g16 = Grad(true);
        Assert.Equal(ScalarType.Float32, g16.dtype);
        var relative = ((g16 - g32).norm() / g32.norm()).item<float>();
        Assert.InRange(relative, 1e-6, 0.02);   // changed by bf16 rounding, yet a few u of the fp32 gradient
    }

    [Fact]
    public void Scopes_nest_and_restore_the_previous_setting()
    {
        Assert.False(MixedPrecision.IsBf16);
        using (MixedPrecision.Bf16())
        {
            Assert.True(MixedPrecision.IsBf16);
            using (MixedPrecision.Bf16(false)) Assert.False(MixedPrecision.IsBf16);
            Assert.True(MixedPrecision.IsBf16);
        }
        Assert.False(MixedPrecision.IsBf16);
    }

    /// <summary>y = conv(x, w*) with a known kernel: bf16 training must still find w* to a few bf16 roundings.</summary>
    private sealed class KnownKernel(Tensor kernel) : IBatchSource<(Tensor X, Tensor Y)>
    {
        public (Tensor X, Tensor Y) GetBatch(long index, Generator generator)
        {
            var x = randn(16, 16, 24, generator: generator);
            return (x, F.conv1d(x, kernel, padding: 1));
        }
    }

    [Fact]
    public void The_trainer_with_bf16_mixed_precision_recovers_a_known_kernel_and_leaves_inference_fp32()
    {
        manual_seed(14);
        var kernel = randn(16, 16, 3) * 0.2;
        using var conv = nn.Conv1d(16, 16, 3, padding: 1, bias: false);
        var sawBf16 = false;
        var config = new TrainConfig
        {
            Steps = 600, LearningRate = 0.02, Schedule = LrSchedule.Constant, WarmupSteps = 0, UseEma = false, Progress = ProgressMode.None,
            MixedPrecision = MixedPrecisionMode.Bf16,
        };
        using var trainer = new Trainer<(Tensor X, Tensor Y)>(conv, (b, _) =>
        {
            sawBf16 |= MixedPrecision.IsBf16;
            return F.mse_loss(ConvForward.Conv1d(conv, b.X, 1), b.Y);
        }, new KnownKernel(kernel), config);
        trainer.Run();
        Assert.True(sawBf16);
        Assert.False(MixedPrecision.IsBf16);
        Assert.Equal(ScalarType.Float32, conv.weight!.dtype);
        var error = (conv.weight! - kernel).abs().max().item<float>();
        Assert.InRange(error, 0, 0.02);   // |w*| ≲ 0.8: a few bf16 roundings (u·0.8 ≈ 0.003) plus Adam's jitter at lr 0.02
    }
}
