using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Diffusion.Guidance;

public sealed class X0ThresholdingTests
{
    public X0ThresholdingTests() => TorchRuntime.Initialize();

    [Fact]
    public void Dynamic_thresholding_matches_a_hand_computed_example()
    {   // Sample 0: |x| sorted = [0.25, 0.5, 1, 2, 3]; NumPy's linear 0.995-quantile sits at position 0.995·4 = 3.98,
        // s = 2 + 0.98·(3 − 2) = 2.98 > 1, so x ← clip(x, ±2.98)/2.98. Sample 1 lies inside [−1, 1]: s = max(0.498, 1) = 1, unchanged.
        var x0 = tensor(new[,] { { 0.5, -2.0, 3.0, 1.0, -0.25 }, { 0.1, -0.2, 0.3, 0.4, -0.5 } }, dtype: ScalarType.Float64);
        var y = X0Thresholding.Dynamic(x0);
        var s = 2.98;
        var expected = tensor(new[,] { { 0.5 / s, -2.0 / s, 1.0, 1.0 / s, -0.25 / s }, { 0.1, -0.2, 0.3, 0.4, -0.5 } }, dtype: ScalarType.Float64);
        Assert.True(y.allclose(expected, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Dynamic_thresholding_keeps_shape_and_dtype_and_caps_s_at_the_max_threshold()
    {   // One sample of 8 entries all equal to ±4: s = 4, capped at 2 → clip to ±2, divide by 2 → ±1.
        var x0 = tensor(new[] { 4f, -4f, 4f, -4f, 4f, -4f, 4f, -4f }).view(1, 2, 4);
        var y = X0Thresholding.Dynamic(x0, 0.995, maxThreshold: 2.0);
        Assert.Equal(x0.shape, y.shape);
        Assert.Equal(ScalarType.Float32, y.dtype);
        Assert.True(Exact.Same(y, x0.sign()));
    }

    [Fact]
    public void Clipping_wraps_a_denoiser()
    {
        var clipped = X0Thresholding.Clip((x, _) => x * 3, -1, 1);
        var y = clipped(tensor(new[] { -0.5, 0.2, 0.4 }, dtype: ScalarType.Float64), zeros(3, dtype: ScalarType.Float64));
        Assert.True(y.allclose(tensor(new[] { -1.0, 0.6, 1.0 }, dtype: ScalarType.Float64), rtol: 0, atol: 1e-15));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("percentile", Assert.Throws<ArgumentOutOfRangeException>(() => X0Thresholding.Dynamic(zeros(1, 3), 1.5)).ParamName);
        Assert.Throws<ArgumentException>(() => X0Thresholding.Clip(zeros(3), 1, -1));
    }
}
