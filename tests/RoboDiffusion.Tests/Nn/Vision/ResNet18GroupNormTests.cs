using RoboDiffusion.Nn.Vision;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn.Vision;

public sealed class ResNet18GroupNormTests
{
    public ResNet18GroupNormTests() => TorchRuntime.Initialize();

    /// <summary>Parameters of torchvision's ResNet-18 trunk by layer arithmetic: k×k×in×out per conv, 2C per norm.</summary>
    internal static long TrunkParameters(int inChannels = 3)
    {
        long total = 7 * 7 * inChannels * 64 + 2 * 64;   // conv1 + bn1
        (int In, int Out, int Stride)[] blocks =
            [(64, 64, 1), (64, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1), (256, 512, 2), (512, 512, 1)];
        foreach (var (cin, cout, stride) in blocks)
        {
            total += 9L * cin * cout + 2 * cout + 9L * cout * cout + 2 * cout;     // conv1, bn1, conv2, bn2
            if (stride != 1 || cin != cout) total += (long)cin * cout + 2 * cout;  // 1×1 downsample conv + norm
        }
        return total;
    }

    [Fact]
    public void Parameter_count_is_torchvision_resnet18_minus_its_fc_layer()
    {   // torchvision resnet18: 11,689,512 parameters, of which fc = 512·1000 + 1000 = 513,000 (BN and GN affine alike).
        using var net = new ResNet18GroupNorm();
        var count = net.parameters().Sum(p => p.numel());
        Assert.Equal(TrunkParameters(), count);
        Assert.Equal(11_689_512L - 513_000L, count);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(4, 32)]
    public void Parameter_count_follows_the_layer_arithmetic_for_other_inputs_and_groups(int inChannels, int channelsPerGroup)
    {
        using var net = new ResNet18GroupNorm(inChannels, channelsPerGroup);
        Assert.Equal(TrunkParameters(inChannels), net.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData(32, 32, 1, 1)]
    [InlineData(40, 33, 2, 2)]
    [InlineData(76, 84, 3, 3)]
    [InlineData(64, 96, 2, 3)]
    public void Feature_map_has_512_channels_and_five_rounded_up_halvings(int h, int w, int expectedH, int expectedW)
    {   // each stride-2 layer (conv 7/2/3, maxpool 3/2/1, conv 3/2/1) maps s to ⌊(s − 1)/2⌋ + 1 = ⌈s/2⌉
        using var net = new ResNet18GroupNorm();
        using var _ = no_grad();
        var y = net.forward(rand(2, 3, h, w));
        Assert.Equal([2L, 512, expectedH, expectedW], y.shape);
        Assert.Equal(expectedH, ResNet18GroupNorm.FeatureSize(h));
        Assert.Equal(expectedW, ResNet18GroupNorm.FeatureSize(w));
    }

    [Fact]
    public void Norms_start_at_one_and_zero_and_convs_have_kaiming_fan_out_spread()
    {   // torchvision: kaiming_normal_(fan_out, relu) → std √(2 / (out·k·k)); BatchNorm (here GroupNorm) weight 1, bias 0
        using var net = new ResNet18GroupNorm(generator: new Generator(3));
        var named = net.named_parameters().ToList();
        Assert.Equal(20 * 2, named.Count(p => p.name.Contains("bn") || p.name.Contains("downsample.1")));
        foreach (var (name, p) in named.Where(p => p.name.Contains("bn") || p.name.Contains("downsample.1")))
            Assert.True(p.eq(name.EndsWith("weight") ? 1 : 0).all().item<bool>(), name);
        foreach (var (name, p) in named.Where(p => p.parameter.dim() == 4))
        {
            var expected = Math.Sqrt(2.0 / (p.shape[0] * p.shape[2] * p.shape[3]));
            Assert.InRange(p.std().item<float>() / expected, 0.95, 1.05);   // ≥ 4096 draws each: relative error ≲ 1.1 %
            Assert.InRange(p.mean().item<float>() / expected, -0.06, 0.06);
        }
    }

    [Fact]
    public void Same_generator_seed_gives_the_same_weights()
    {
        using var a = new ResNet18GroupNorm(generator: new Generator(7));
        using var b = new ResNet18GroupNorm(generator: new Generator(7));
        using var c = new ResNet18GroupNorm(generator: new Generator(8));
        var conv = (ResNet18GroupNorm m) => m.named_parameters().Single(p => p.name == "layer3.0.conv1.weight").parameter;
        Assert.True(conv(a).eq(conv(b)).all().item<bool>());
        Assert.False(conv(a).eq(conv(c)).all().item<bool>());
    }

    [Fact]
    public void Group_width_that_does_not_divide_64_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new ResNet18GroupNorm(channelsPerGroup: 24));
        Assert.Contains("channelsPerGroup", e.Message);
    }
}
