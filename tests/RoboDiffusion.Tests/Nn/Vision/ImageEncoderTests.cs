using RoboDiffusion.Nn.Vision;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn.Vision;

public sealed class ImageEncoderTests
{
    // 40 → crop 36 → feature map 2×2 (36 → 18 → 9 → 5 → 3 → 2); a 1×1 map would make every keypoint the constant (−1, −1)
    private static readonly ImageEncoderConfig Small = new() { ImageSize = 40, CropSize = 36, NumKeypoints = 8, FeatureDim = 16 };
    // 34 → crop 33, the smallest crop with a 2×2 map (33 → 17 → 9 → 5 → 3 → 2): the cheapest encoder that can learn
    // and 32 keypoints (the default), which learn far faster than 8 here
    private static readonly ImageEncoderConfig Tiny = Small with { ImageSize = 34, CropSize = 33, NumKeypoints = 32 };

    public ImageEncoderTests() => TorchRuntime.Initialize();

    [Fact]
    public void Parameter_count_is_resnet_trunk_plus_keypoint_conv_plus_projection()
    {   // trunk 11,176,512 + conv 512·32 + 32 + linear 64·64 + 64 = 11,197,088
        using var encoder = new ImageEncoder(new ImageEncoderConfig());
        var expected = ResNet18GroupNormTests.TrunkParameters() + (512 * 32 + 32) + (64 * 64 + 64);
        Assert.Equal(expected, encoder.parameters().Sum(p => p.numel()));
        Assert.Equal(11_197_088L, expected);
        Assert.Equal(64, encoder.OutputDim);
    }

    [Fact]
    public void Eval_mode_encodes_each_image_independently_of_its_batch()
    {   // GroupNorm, centre crop and soft-argmax all act per image (BatchNorm would not)
        using var encoder = new ImageEncoder(new ImageEncoderConfig(), new Generator(0));
        encoder.eval();
        using var _ = no_grad();
        var images = rand(new long[] { 3, 3, 96, 96 }, generator: new Generator(1));
        var batch = encoder.forward(images);
        Assert.Equal([3L, 64], batch.shape);
        for (var i = 0; i < 3; i++)
            Assert.True(batch[i].allclose(encoder.forward(images[i..(i + 1)])[0], 1e-5, 1e-5), $"image {i}");
    }

    [Fact]
    public void Bf16_mixed_precision_reaches_the_encoder_convolutions_and_stays_near_the_rounding_floor()
    {   // training.mixed_precision: bf16 runs the ResNet's convolutions on bf16 copies (MixedPrecision). The backward of a
        // freshly initialized ResNet amplifies perturbations layer by layer: rounding only the input images to bf16 (all
        // arithmetic fp32) already moves the stem's weight gradient by ≈ 12 %. bf16 everywhere may add to that floor,
        // but by less than 2×, and the encoding itself stays within a few per cent.
        using var encoder = new ImageEncoder(Small, new Generator(0));
        var images = rand(new long[] { 4, 3, 40, 40 }, generator: new Generator(2));
        (Tensor Output, Tensor StemGrad) Run(bool bf16, Tensor input)
        {
            encoder.zero_grad();
            using var precision = RoboDiffusion.Nn.MixedPrecision.Bf16(bf16);
            var y = encoder.Encode(input, new Generator(3));
            (y - 0.3).square().sum().backward();
            return (y.detach().clone(), encoder.parameters().First().grad!.clone());   // backbone.conv1.weight
        }
        static float Relative(Tensor a, Tensor b) => ((a - b).norm() / b.norm()).item<float>();
        var (y32, g32) = Run(false, images);
        var (_, gRoundedInput) = Run(false, images.to(ScalarType.BFloat16).to(ScalarType.Float32));
        var (y16, g16) = Run(true, images);
        Assert.Equal(ScalarType.Float32, g16.dtype);
        Assert.InRange(Relative(y16, y32), 1e-5, 0.05);
        var floor = Relative(gRoundedInput, g32);
        Assert.InRange(Relative(g16, g32), 1e-5, 2 * floor);
    }

    [Fact]
    public void Uint8_images_encode_like_the_same_images_scaled_to_unit_range()
    {
        using var encoder = new ImageEncoder(Small);
        encoder.eval();
        using var _ = no_grad();
        var bytes = randint(0, 256, new long[] { 2, 3, 40, 40 }, ScalarType.Byte, generator: new Generator(4));
        Assert.True(encoder.forward(bytes).allclose(encoder.forward(bytes.to(ScalarType.Float32) / 255.0), 1e-5, 1e-5));
    }

    [Fact]
    public void Training_mode_crops_are_random_but_reproducible_with_the_same_generator()
    {
        using var encoder = new ImageEncoder(Small);
        encoder.train();
        using var _ = no_grad();
        var images = rand(new long[] { 4, 3, 40, 40 }, generator: new Generator(2));
        var a = encoder.Encode(images, new Generator(9));
        var b = encoder.Encode(images, new Generator(9));
        encoder.CropGenerator = new Generator(10);
        var c = encoder.forward(images);
        Assert.Equal([4L, 16], a.shape);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.allclose(c, 1e-6, 1e-6));
        encoder.CropGenerator = null;
        Assert.Throws<InvalidOperationException>(() => encoder.forward(images));
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 40 })]
    [InlineData(new long[] { 2, 1, 40, 40 })]
    [InlineData(new long[] { 2, 3, 32, 32 })]
    [InlineData(new long[] { 2, 3, 40, 48 })]
    public void Wrong_image_shapes_are_rejected_naming_the_shape(long[] shape)
    {
        using var encoder = new ImageEncoder(Small);
        encoder.eval();
        var e = Assert.Throws<ArgumentException>(() => encoder.forward(zeros(shape)));
        Assert.Contains($"[{string.Join(", ", shape)}]", e.Message);
    }

    [Theory]
    [InlineData("CropSize", 0)]
    [InlineData("CropSize", 41)]
    [InlineData("ImageSize", 0)]
    [InlineData("NumKeypoints", 0)]
    [InlineData("FeatureDim", 0)]
    [InlineData("ChannelsPerGroup", 12)]
    public void Invalid_config_fields_are_named(string field, int value)
    {
        var config = field switch
        {
            "CropSize" => Small with { CropSize = value },
            "ImageSize" => Small with { ImageSize = value },
            "NumKeypoints" => Small with { NumKeypoints = value },
            "FeatureDim" => Small with { FeatureDim = value },
            _ => Small with { ChannelsPerGroup = value },
        };
        var e = Assert.Throws<ArgumentException>(() => config.Validated());
        Assert.StartsWith(field, e.Message);
    }

    [Fact]
    public void Same_generator_seed_gives_the_same_encoder()
    {
        using var a = new ImageEncoder(Small, new Generator(4));
        using var b = new ImageEncoder(Small, new Generator(4));
        foreach (var ((name, p), (_, q)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(p.eq(q).all().item<bool>(), name);
    }

    [Fact]
    public void Training_mode_gradients_reach_every_parameter()
    {
        using var encoder = new ImageEncoder(Tiny, new Generator(0));
        encoder.train();
        var images = rand(new long[] { 2, 3, 34, 34 }, generator: new Generator(1));
        encoder.Encode(images, new Generator(3)).square().sum().backward();
        foreach (var (name, p) in encoder.named_parameters())
        {
            var grad = p.grad ?? throw new Xunit.Sdk.XunitException($"{name} has no gradient");
            Assert.True(grad.isfinite().all().item<bool>(), name);
            Assert.True(grad.abs().sum().item<float>() > 0, name);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // bf16 mixed-precision convolutions (MixedPrecision) in the training forward; the MSE is read in fp32
    public void Forty_adam_steps_halve_the_error_of_regressing_random_targets(bool bf16)
    {   // The whole ResNet-18 trains (≈ 0.2 s a step on an idle core, ≈ 1.5 s with the cores shared): 8 images, 40 steps.
        // Measured (loss at step 40): init seeds 1, 2 → MSE 0.92 → 0.25, 0.90 → 0.14; with 8 keypoints only 0.93 → 0.56-0.70.
        using var encoder = new ImageEncoder(Tiny, new Generator(1));
        encoder.eval();   // centre crops: a fixed regression problem
        var images = rand(new long[] { 8, 3, 34, 34 }, generator: new Generator(1));
        var targets = randn(new long[] { 8, 16 }, generator: new Generator(2));
        using var optimizer = optim.Adam(encoder.parameters(), lr: 2e-3);
        double Loss()
        {
            using var _ = no_grad();
            return nn.functional.mse_loss(encoder.forward(images), targets).item<float>();
        }
        var before = Loss();
        for (var step = 0; step < 40; step++)
        {
            using var scope = NewDisposeScope();
            using var precision = RoboDiffusion.Nn.MixedPrecision.Bf16(bf16);
            optimizer.zero_grad();
            nn.functional.mse_loss(encoder.forward(images), targets).backward();
            optimizer.step();
        }
        var after = Loss();
        Assert.True(after < 0.5 * before, $"MSE {before:F4} → {after:F4}");
    }
}
