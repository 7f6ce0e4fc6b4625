using RoboDiffusion.Runtime;
using RoboDiffusion.Tests.Checkpoints;
using RoboDiffusion.Training;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Training;

public sealed class RandomRowBatchesTests
{
    public RandomRowBatchesTests() => TorchRuntime.Initialize();

    [Fact]
    public void Rows_stay_aligned_across_columns_and_repeat_for_the_same_seed()
    {
        var x = arange(100, dtype: float64).unsqueeze(1);        // [100, 1]: row r holds r
        var c = arange(100, dtype: float64).unsqueeze(1) * 10;   // [100, 1]: row r holds 10r
        var source = new RandomRowBatches(8, x, c);
        using var g = new Generator(3);
        var first = source.GetBatch(0, g);
        g.manual_seed(3);
        var again = source.GetBatch(0, g);
        Assert.Equal([8L, 1L], first[0].shape);
        Assert.True(TensorBits.Same(first[0] * 10, first[1]));
        Assert.True(TensorBits.Same(first[0], again[0]));
    }

    [Fact]
    public void Columns_of_different_length_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomRowBatches(4, zeros(5, 2), zeros(6, 1)));
        Assert.Contains("Column 1 has 6 rows but column 0 has 5", e.Message);
    }
}
