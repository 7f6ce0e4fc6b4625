using RoboDiffusion.Nn.Vision;
using RoboDiffusion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn.Vision;

public sealed class ImageCropTests
{
    public ImageCropTests() => TorchRuntime.Initialize();

    /// <summary>[n, c, h, w] images whose pixel (i, j) of channel k holds k·h·w + i·w + j, so a crop reveals its offset.</summary>
    private static Tensor CoordinateImages(int n, int c, int h, int w) =>
        arange(c * h * w, ScalarType.Float64).view(1, c, h, w).expand(n, c, h, w).contiguous();

    /// <summary>Checks crop is the window of <see cref="CoordinateImages"/> at some (top, left) and returns that offset.</summary>
    private static (long Top, long Left) OffsetOf(Tensor crop, int h, int w)
    {
        var corner = (long)crop[0, 0, 0].item<double>();
        var (top, left) = (corner / w, corner % w);
        var size = crop.shape[1];
        for (var k = 0; k < crop.shape[0]; k++)
            for (var i = 0; i < size; i++)
                for (var j = 0; j < size; j++)
                    Assert.Equal(k * h * w + (top + i) * w + left + j, (long)crop[k, i, j].item<double>());
        return (top, left);
    }

    [Fact]
    public void Centre_crop_takes_the_exact_middle()
    {   // 10×12 → 4×4: offsets (10 − 4)/2 = 3 and (12 − 4)/2 = 4
        var crop = ImageCrop.Center(CoordinateImages(2, 3, 10, 12), 4);
        Assert.Equal([2L, 3, 4, 4], crop.shape);
        Assert.Equal((3L, 4L), OffsetOf(crop[1], 10, 12));
    }

    [Fact]
    public void Centre_crop_of_an_odd_margin_rounds_down_like_robomimic()
    {   // margin 9 − 4 = 5 → offset ⌊5/2⌋ = 2
        Assert.Equal((2L, 2L), OffsetOf(ImageCrop.Center(CoordinateImages(1, 1, 9, 9), 4)[0], 9, 9));
    }

    [Fact]
    public void Random_crops_stay_in_bounds_and_cover_every_offset()
    {   // offsets uniform on {0, …, 3} × {0, …, 5}; 200 draws miss a given value with probability (3/4)^200 ≈ 1e−25
        const int h = 8, w = 10, size = 5;
        var crops = ImageCrop.Random(CoordinateImages(200, 2, h, w), size, new Generator(11));
        Assert.Equal([200L, 2, size, size], crops.shape);
        var offsets = Enumerable.Range(0, 200).Select(i => OffsetOf(crops[i], h, w)).ToList();
        Assert.Equal(Enumerable.Range(0, h - size + 1).Select(i => (long)i), offsets.Select(o => o.Top).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, w - size + 1).Select(i => (long)i), offsets.Select(o => o.Left).Distinct().Order());
    }

    [Fact]
    public void Random_crop_is_reproducible_with_the_same_seed_and_differs_per_image()
    {
        var images = CoordinateImages(16, 1, 12, 12);
        var a = ImageCrop.Random(images, 6, new Generator(5));
        var b = ImageCrop.Random(images, 6, new Generator(5));
        var c = ImageCrop.Random(images, 6, new Generator(6));
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
        Assert.Contains(Enumerable.Range(1, 15), i => !a[i].eq(a[0]).all().item<bool>());   // each image its own offset
    }

    [Fact]
    public void Random_crop_passes_gradients_to_the_cropped_pixels_only()
    {
        var images = zeros(new long[] { 2, 1, 6, 6 }, requires_grad: true);
        ImageCrop.Random(images, 3, new Generator(2)).sum().backward();
        var grad = images.grad!;
        Assert.Equal(2 * 9.0, grad.sum().item<float>(), 6);
        Assert.True(grad.eq(0).logical_or(grad.eq(1)).all().item<bool>());
    }

    [Theory]
    [InlineData(new long[] { 3, 8, 8 }, 4)]
    [InlineData(new long[] { 2, 3, 8, 6 }, 7)]
    [InlineData(new long[] { 2, 3, 8, 8 }, 0)]
    public void Bad_images_or_crop_sizes_are_rejected_naming_the_shape(long[] shape, int size)
    {
        var e = Assert.Throws<ArgumentException>(() => ImageCrop.Center(zeros(shape), size));
        Assert.Contains($"[{string.Join(", ", shape)}]", e.Message);
        Assert.Throws<ArgumentException>(() => ImageCrop.Random(zeros(shape), size, new Generator(0)));
    }
}
