using static TorchSharp.torch;

namespace RoboDiffusion.Training;

/// <summary>
/// Training data as a pure function of the step: batch <c>index</c> must depend only on the index and the draws it makes
/// from <c>generator</c>, which the trainer reseeds from (run seed, index) before every call. A resumed run therefore
/// sees exactly the batches an uninterrupted one would. Epoch-style sources derive their permutation from the index.
/// </summary>
public interface IBatchSource<out TBatch>
{
    /// <summary>The batch of optimizer step <paramref name="index"/> (0-based); tensors created here are freed after the step.</summary>
    TBatch GetBatch(long index, Generator generator);
}
