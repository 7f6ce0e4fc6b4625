using System.Text;
using RoboDiffusion.Data.Io;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Data.Io;

public sealed class NpyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npy-tests-").FullName;

    public NpyFileTests() => TorchRuntime.Initialize();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The header numpy.save writes, spelled out from the NPY format documentation: "\x93NUMPY", version 1.0, a uint16 LE
    /// HEADER_LEN, the dict with sorted keys and ", " after each item, 21 − len(str(shape[0])) growth spaces (none for
    /// shape ()), then spaces and one '\n' so that the total is a multiple of 64 (here 128 bytes, HEADER_LEN = 118).
    /// </summary>
    private static byte[] NumpyHeader(string dict, int spaces)
    {
        var text = dict + new string(' ', spaces) + "\n";
        Assert.Equal(118, text.Length);
        return [0x93, .. "NUMPY"u8, 0x01, 0x00, 118, 0x00, .. Encoding.ASCII.GetBytes(text)];
    }

    [Fact]
    public void Float64_vector_gets_the_exact_header_numpy_writes()
    {   // 57-char dict + 20 growth spaces + 40 alignment spaces + '\n' = 118.
        var expected = NumpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 60);
        var bytes = NpyFile.Encode([1.0, -2.5, 1e300], 3);
        Assert.Equal(128 + 24, bytes.Length);
        Assert.Equal(expected, bytes[..128]);
        Assert.Equal(BitConverter.GetBytes(-2.5), bytes[136..144]);                        // little-endian IEEE 754
    }

    [Fact]
    public void Float32_matrix_and_uint8_scalar_headers_match_the_spec()
    {
        Assert.Equal(NumpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 58),
            NpyFile.Encode(new float[6], 2, 3)[..128]);
        Assert.Equal(NumpyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (), }", 62),
            NpyFile.Encode(new byte[] { 7 })[..128]);
        var scalar = NpyFile.Decode(NpyFile.Encode(new byte[] { 7 })).ToTensor();               // shape () is one element
        Assert.Equal(0, scalar.dim());
        Assert.Equal(7, scalar.item<byte>());
    }

    [Fact]
    public void Every_supported_type_round_trips_through_a_file()
    {
        var path = Path.Combine(_dir, "a.npy");
        NpyFile.Write(path, new[] { 1.5f, -2f, 3.25f, 0f, float.MaxValue, float.Epsilon }, 3, 2);
        var f = NpyFile.Read(path);
        Assert.Equal([3L, 2L], f.Shape);
        Assert.Equal(NpyDType.Float32, f.DType);
        Assert.Equal([1.5f, -2f, 3.25f, 0f, float.MaxValue, float.Epsilon], f.Get<float>());
        RoundTrip(new[] { Math.PI, -0.0 }, NpyDType.Float64);
        RoundTrip(new[] { int.MinValue, 5 }, NpyDType.Int32);
        RoundTrip(new[] { long.MaxValue, -1L }, NpyDType.Int64);
        RoundTrip(new byte[] { 0, 255 }, NpyDType.UInt8);
    }

    private static void RoundTrip<T>(T[] data, NpyDType dtype) where T : unmanaged
    {
        var a = NpyFile.Decode(NpyFile.Encode(data, data.Length));
        Assert.Equal(dtype, a.DType);
        Assert.Equal(data, a.Get<T>());
    }

    [Fact]
    public void Tensors_round_trip_with_shape_and_dtype_even_from_non_contiguous_views()
    {
        var path = Path.Combine(_dir, "t.npy");
        var t = arange(24, dtype: ScalarType.Float64).view(2, 3, 4).permute(2, 0, 1);      // non-contiguous [4, 2, 3]
        NpyFile.Write(path, t);
        var back = NpyFile.ReadTensor(path);
        Assert.Equal(t.shape, back.shape);
        Assert.Equal(ScalarType.Float64, back.dtype);
        Assert.True(back.eq(t).all().item<bool>());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));                                  // the temp file was renamed away
    }

    [Fact]
    public void Version_2_headers_and_reordered_keys_are_read()
    {   // Readers must not depend on key order (spec); 2.0 uses a uint32 HEADER_LEN.
        var dict = "{'shape': (2,), 'fortran_order': False, 'descr': '<i8'}";
        var padded = dict + new string(' ', 64 - (12 + dict.Length + 1) % 64) + "\n";
        var len = BitConverter.GetBytes((uint)padded.Length);
        byte[] file = [0x93, .. "NUMPY"u8, 2, 0, .. len, .. Encoding.ASCII.GetBytes(padded), .. BitConverter.GetBytes(7L), .. BitConverter.GetBytes(-8L)];
        var a = NpyFile.Decode(file);
        Assert.Equal([7L, -8L], a.Get<long>());
        Assert.Equal([7.0, -8.0], a.ToDoubleArray());
    }

    [Fact]
    public void Headers_too_long_for_a_uint16_length_are_written_as_version_2()
    {   // 30000 axes of size 1 make a ~90 kB header: NumPy then switches to 2.0 (uint32 HEADER_LEN), still 64-byte aligned.
        var shape = Enumerable.Repeat(1L, 30000).ToArray();
        var bytes = NpyFile.Encode([42.0], shape);
        Assert.Equal(2, bytes[6]);
        var headerLength = BitConverter.ToUInt32(bytes, 8);
        Assert.True(headerLength > ushort.MaxValue);
        Assert.Equal(0u, (12 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[12 + (int)headerLength - 1]);
        var back = NpyFile.Decode(bytes);
        Assert.Equal(shape, back.Shape);
        Assert.Equal([42.0], back.Get<double>());
    }

    [Theory]
    [InlineData("truncated", "truncated data")]
    [InlineData("magic", "magic string")]
    [InlineData("bigendian", "big-endian")]
    [InlineData("fortran", "fortran_order")]
    [InlineData("version", "format version 9")]
    [InlineData("nokey", "lacks 'shape'")]
    [InlineData("shorthdr", "truncated header")]
    public void Malformed_files_name_the_problem(string kind, string message)
    {
        var good = NpyFile.Encode([1.0, 2.0, 3.0], 3);
        var text = Encoding.ASCII.GetString(good, 10, 118);
        byte[] bad = kind switch
        {
            "truncated" => good[..^4],
            "magic" => [0x93, .. "NUMPX"u8, .. good[6..]],
            "bigendian" => Replace(good, text.Replace("<f8", ">f8")),
            "fortran" => Replace(good, text.Replace("False", "True ")),
            "version" => [.. good[..6], 9, 0, .. good[8..]],
            "nokey" => Replace(good, text.Replace("'shape': (3,), ", "               ")),
            _ => good[..50],
        };
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Decode(bad));
        Assert.Contains(message, e.Message);
    }

    private static byte[] Replace(byte[] file, string header) => [.. file[..10], .. Encoding.ASCII.GetBytes(header), .. file[128..]];

    [Fact]
    public void Shape_and_data_length_must_agree_when_writing()
    {
        var e = Assert.Throws<ArgumentException>(() => NpyFile.Encode(new double[5], 2, 3));
        Assert.Contains("6 elements", e.Message);
    }
}
