using RoboDiffusion.Nn.Vision;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn.Vision;

public sealed class SpatialSoftmaxTests
{
    public SpatialSoftmaxTests() => TorchRuntime.Initialize();

    private static double GridCoordinate(long index, long size) => -1.0 + 2.0 * index / (size - 1);  // linspace(−1, 1, size)

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 6)]
    [InlineData(2, 1)]
    [InlineData(0, 6)]
    public void Peaked_heatmap_gives_the_grid_coordinates_of_its_peak(int row, int col)
    {   // H = 5 ≠ W = 7 so a swapped x/y would fail; a logit of 60 leaves e^−60·35 ≈ 3e−25 of the mass elsewhere
        var heat = zeros(1, 1, 5, 7, ScalarType.Float64);
        heat[0, 0, row, col] = tensor(60.0);
        var xy = SpatialSoftmax.ExpectedCoordinates(heat);
        Assert.Equal([1L, 2], xy.shape);
        Assert.Equal(GridCoordinate(col, 7), xy[0, 0].item<double>(), 12);
        Assert.Equal(GridCoordinate(row, 5), xy[0, 1].item<double>(), 12);
    }

    [Fact]
    public void Uniform_heatmap_gives_the_centre()
    {   // the grid is symmetric about 0, so the mean of a uniform distribution is (0, 0) whatever the constant
        var heat = full(new long[] { 2, 3, 4, 6 }, 5.0, ScalarType.Float64);
        var xy = SpatialSoftmax.ExpectedCoordinates(heat);
        Assert.True(xy.abs().max().item<double>() < 1e-14);
    }

    [Fact]
    public void Two_equal_peaks_give_their_midpoint_and_keypoints_are_laid_out_x_then_y()
    {   // heatmap 0: peaks (row 0, col 0) and (row 4, col 2) → mean of (−1, −1) and (0, 1) = (−0.5, 0); heatmap 1: peak (1, 4)
        var heat = zeros(1, 2, 5, 5, ScalarType.Float64);
        heat[0, 0, 0, 0] = tensor(60.0);
        heat[0, 0, 4, 2] = tensor(60.0);
        heat[0, 1, 1, 4] = tensor(60.0);
        var xy = SpatialSoftmax.ExpectedCoordinates(heat);
        double[] expected = [-0.5, 0.0, 1.0, -0.5];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], xy[0, i].item<double>(), 12);
    }

    [Fact]
    public void Module_with_an_identity_keypoint_conv_equals_the_soft_argmax_of_its_input()
    {
        using var module = new SpatialSoftmax(3, 3);
        module.to(ScalarType.Float64);
        using (no_grad())
        {
            var p = module.named_parameters().ToDictionary(n => n.name, n => n.parameter);
            p["nets.weight"].copy_(eye(3, dtype: ScalarType.Float64).view(3, 3, 1, 1));
            p["nets.bias"].zero_();
        }
        var x = randn(new long[] { 2, 3, 4, 5 }, ScalarType.Float64, generator: new Generator(1));
        var y = module.forward(x);
        Assert.Equal([2L, 6], y.shape);
        Assert.True(y.allclose(SpatialSoftmax.ExpectedCoordinates(x), 0, 1e-12));
    }

    [Fact]
    public void Default_module_maps_512_channels_to_32_keypoints_with_robomimics_parameter_count()
    {   // 1×1 conv 512 → 32 with bias: 512·32 + 32 = 16,416
        using var module = new SpatialSoftmax(512);
        Assert.Equal(16_416L, module.parameters().Sum(p => p.numel()));
        using var _ = no_grad();
        var y = module.forward(randn(3, 512, 3, 3));
        Assert.Equal([3L, 64], y.shape);
        Assert.True(y.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void Input_that_is_not_a_feature_map_is_rejected_with_its_shape()
    {
        using var module = new SpatialSoftmax(4, 2);
        var e = Assert.Throws<ArgumentException>(() => module.forward(zeros(4, 3, 3)));
        Assert.Contains("[4, 3, 3]", e.Message);
    }
}
