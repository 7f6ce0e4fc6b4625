using System.Buffers.Binary;
using System.Text;
using RoboDiffusion.Checkpoints;
using RoboDiffusion.Runtime;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Checkpoints;

public sealed class SafetensorsTests
{
    public SafetensorsTests() => TorchRuntime.Initialize();

    public static TheoryData<ScalarType> AllDTypes => new()
    {
        ScalarType.Float64, ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Int64,
        ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool,
    };

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Round_trip_preserves_values_shape_and_dtype(ScalarType dtype)
    {
        using var dir = new TempDir();
        var matrix = (arange(12, dtype: float64).reshape(3, 4) - 5).to(dtype);   // includes negatives and zero
        var scalar = tensor(7.0).to(dtype);
        var empty = zeros([0, 3], dtype: dtype);
        Safetensors.Save(dir.File("t.safetensors"),
            new Dictionary<string, Tensor> { ["m"] = matrix, ["s"] = scalar, ["e"] = empty });
        using var file = Safetensors.Load(dir.File("t.safetensors"));
        foreach (var (name, want) in new[] { ("m", matrix), ("s", scalar), ("e", empty) })
        {
            var got = file[name];
            Assert.Equal(dtype, got.dtype);
            Assert.Equal(want.shape, got.shape);
            Assert.True(TensorBits.Same(got, want), $"{name} differs");
        }
    }

    [Fact]
    public void Written_bytes_match_a_file_built_by_hand_from_the_spec()
    {   // u64 LE header length, JSON header padded with spaces to a multiple of 8, then raw little-endian data.
        using var dir = new TempDir();
        Safetensors.Save(dir.File("a.safetensors"), new Dictionary<string, Tensor> { ["a"] = tensor(new[] { 1.0f, -2.0f }) });
        var json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        var header = json.PadRight((json.Length + 7) / 8 * 8);
        var expected = new List<byte>();
        expected.AddRange(BitConverter.GetBytes((ulong)header.Length));
        expected.AddRange(Encoding.UTF8.GetBytes(header));
        expected.AddRange([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]);  // 1.0f, −2.0f
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(dir.File("a.safetensors")));
    }

    [Fact]
    public void A_hand_built_file_with_metadata_loads()
    {
        using var dir = new TempDir();
        var path = dir.File("h.safetensors");
        WriteRaw(path, "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[8,11]}," +
                       "\"a\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}",
            [.. BitConverter.GetBytes(-5L), 1, 2, 255]);
        using var file = Safetensors.Load(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(["a", "b"], file.Names);
        Assert.Equal(-5L, file["a"].item<long>());
        Assert.Equal(new byte[] { 1, 2, 255 }, file["b"].data<byte>().ToArray());
    }

    [Fact]
    public void Metadata_round_trips()
    {
        using var dir = new TempDir();
        Safetensors.Save(dir.File("m.safetensors"), new Dictionary<string, Tensor> { ["x"] = ones(2) },
            new Dictionary<string, string> { ["step"] = "42", ["note"] = "ünïcode" });
        var header = Safetensors.ReadHeader(dir.File("m.safetensors"));
        Assert.Equal("42", header.Metadata["step"]);
        Assert.Equal("ünïcode", header.Metadata["note"]);
        Assert.Equal(0, header.DataStart % 8);
    }

    public static TheoryData<string, string, byte[]> CorruptHeaders => new()
    {
        { "not valid JSON", "{\"a\": {", new byte[4] },
        { "unknown dtype 'F8'", "{\"a\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1] },
        { "ends at byte 8", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4] },
        { "overlaps", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8] },
        { "needs 8", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4] },
        { "end before begin", "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[4,0]}}", new byte[4] },
        { "no holes", "{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]}}", new byte[4] },
        { "trailing bytes", "{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[4] },
        { "has no \"shape\"", "{\"a\":{\"dtype\":\"U8\",\"data_offsets\":[0,2]}}", new byte[2] },
        { "not a non-negative integer", "{\"a\":{\"dtype\":\"U8\",\"shape\":[-2],\"data_offsets\":[0,2]}}", new byte[2] },
        { "not an object", "[1, 2]", [] },
        { "not valid JSON", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}} junk", new byte[1] },
    };

    [Theory]
    [MemberData(nameof(CorruptHeaders))]
    public void Corrupt_headers_give_an_error_naming_the_problem(string problem, string header, byte[] data)
    {
        using var dir = new TempDir();
        var path = dir.File("bad.safetensors");
        WriteRaw(path, header, data);
        var e = Assert.Throws<SafetensorsFormatException>(() => Safetensors.Load(path));
        Assert.Contains(problem, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_length_field_is_rejected()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("short.safetensors"), [1, 2, 3]);
        var e = Assert.Throws<SafetensorsFormatException>(() => Safetensors.Load(dir.File("short.safetensors")));
        Assert.Contains("3 bytes, fewer than the 8-byte header length", e.Message);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_rejected()
    {
        using var dir = new TempDir();
        var bytes = new byte[20];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        File.WriteAllBytes(dir.File("len.safetensors"), bytes);
        var e = Assert.Throws<SafetensorsFormatException>(() => Safetensors.Load(dir.File("len.safetensors")));
        Assert.Contains("header length 1000 exceeds the 12 bytes", e.Message);
    }

    [Fact]
    public void A_file_truncated_inside_the_data_names_the_tensor_it_cuts()
    {
        using var dir = new TempDir();
        var path = dir.File("cut.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["weights"] = ones(16, dtype: float64) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<SafetensorsFormatException>(() => Safetensors.Load(path));
        Assert.Contains("'weights' ends at byte 128", e.Message);
        Assert.Contains("123 data bytes", e.Message);
    }

    [Fact]
    public void Saving_leaves_no_temporary_files_behind()
    {
        using var dir = new TempDir();
        Safetensors.Save(dir.File("x.safetensors"), new Dictionary<string, Tensor> { ["x"] = ones(3) });
        Safetensors.Save(dir.File("x.safetensors"), new Dictionary<string, Tensor> { ["x"] = zeros(3) });
        Assert.Equal(["x.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var file = Safetensors.Load(dir.File("x.safetensors"));
        Assert.Equal(0f, file["x"].sum().item<float>());
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((ulong)json.Length));
        stream.Write(json);
        stream.Write(data);
    }
}
