using System.Text;
using RoboDiffusion.Envs.PushT;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Tests.Envs.Rendering;

public sealed class GifWriterTests
{
    [Fact]
    public void Gif_has_the_gif89a_header_size_and_one_control_block_per_frame()
    {   // GIF89a: "GIF89a", then the logical screen width and height (little-endian); each frame has a
        // Graphic Control Extension (0x21 0xF9) and a looping animation has a NETSCAPE2.0 block.
        using var env = new PushTEnv();
        env.Reset(0);
        var frames = new List<Frame> { env.Render(64) };
        for (var t = 0; t < 4; t++)
        {
            env.Step([300, 300]);
            frames.Add(env.Render(64));
        }
        var path = Path.Combine(Path.GetTempPath(), $"pusht-{Guid.NewGuid():N}.gif");
        try
        {
            GifWriter.Write(path, frames);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal("GIF89a", Encoding.ASCII.GetString(bytes, 0, 6));
            Assert.Equal(64, BitConverter.ToUInt16(bytes, 6));
            Assert.Equal(64, BitConverter.ToUInt16(bytes, 8));
            var controlBlocks = Enumerable.Range(0, bytes.Length - 2).Count(i => bytes[i] == 0x21 && bytes[i + 1] == 0xF9 && bytes[i + 2] == 4);
            Assert.Equal(5, controlBlocks);
            Assert.Contains("NETSCAPE2.0", Encoding.ASCII.GetString(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gif_writer_rejects_frames_of_different_sizes()
    {
        var a = new Frame(2, 2, new byte[12]);
        var b = new Frame(3, 3, new byte[27]);
        Assert.Throws<ArgumentException>(() => GifWriter.Write(Path.GetTempFileName(), [a, b]));
    }
}
