namespace RoboDiffusion.Data.Sequences;

/// <summary>
/// One training window, as a row of diffusion_policy's create_indices: frames [BufferStart, BufferEnd) of the frame
/// table fill positions [SampleStart, SampleEnd) of the window; positions before SampleStart repeat the first copied
/// frame and positions from SampleEnd on repeat the last one.
/// </summary>
public readonly record struct SequenceWindow(int BufferStart, int BufferEnd, int SampleStart, int SampleEnd);
