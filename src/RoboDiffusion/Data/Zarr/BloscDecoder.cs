using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace RoboDiffusion.Data.Zarr;

/// <summary>
/// Decoder of the Blosc 1 frame format (c-blosc README_HEADER.rst and blosc.c blosc_d): a 16-byte header
/// (version, codec version, flags, typesize, nbytes, blocksize, cbytes), then one int32 start offset per block, then
/// per block one stream, or typesize streams when the block was split, each an int32 size and the codec's bytes
/// (stored raw when the size equals the stream's uncompressed size). Flags: bit 0 byte shuffle, bit 1 memcpy'ed,
/// bit 2 bit shuffle, bit 4 "don't split", bits 5-7 codec (0 blosclz, 1 lz4/lz4hc, 2 snappy, 3 zlib, 4 zstd).
/// Supports lz4, lz4hc, zlib and zstd with no shuffle or byte shuffle; blosclz, snappy and bit shuffle raise an error.
/// </summary>
public static class BloscDecoder
{
    private const int HeaderSize = 16, MaxSplits = 16, MinBufferSize = 128;

    /// <summary>Decompresses one Blosc frame; malformed input throws <see cref="InvalidDataException"/>.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> src)
    {
        if (src.Length < HeaderSize) throw new InvalidDataException($"blosc frame of {src.Length} bytes is shorter than its 16-byte header.");
        var version = src[0];
        var flags = src[2];
        int typesize = src[3];
        var nbytes = BinaryPrimitives.ReadInt32LittleEndian(src[4..]);
        var blocksize = BinaryPrimitives.ReadInt32LittleEndian(src[8..]);
        var cbytes = BinaryPrimitives.ReadInt32LittleEndian(src[12..]);
        if (version is 0 or > 2) throw new InvalidDataException($"blosc format version {version} is not supported (blosc 1 writes 1 or 2).");
        if (cbytes != src.Length) throw new InvalidDataException($"blosc header says {cbytes} compressed bytes, the chunk has {src.Length} (truncated?).");
        if (nbytes < 0 || typesize == 0) throw new InvalidDataException($"blosc header is invalid (nbytes {nbytes}, typesize {typesize}).");
        var dest = new byte[nbytes];
        if (nbytes == 0) return dest;
        if ((flags & 0x02) != 0)                                         // memcpy'ed: the data follows the header
        {
            if (src.Length != HeaderSize + nbytes) throw new InvalidDataException("memcpy'ed blosc frame has the wrong length.");
            src.Slice(HeaderSize, nbytes).CopyTo(dest);
            return dest;
        }
        if ((flags & 0x04) != 0) throw new NotSupportedException("blosc bit shuffle is not supported; re-save the array with shuffle=0 or 1.");
        if (blocksize <= 0) throw new InvalidDataException($"blosc block size {blocksize} is invalid.");
        var codec = (flags & 0xE0) >> 5;
        var shuffle = (flags & 0x01) != 0 && typesize > 1;
        var dontSplit = (flags & 0x10) != 0;
        var nblocks = (nbytes + blocksize - 1) / blocksize;
        if (HeaderSize + 4L * nblocks > src.Length) throw new InvalidDataException("blosc block offsets run past the end of the chunk.");
        var tmp = new byte[blocksize];
        for (var b = 0; b < nblocks; b++)
        {
            var bsize = Math.Min(blocksize, nbytes - b * blocksize);
            var leftover = bsize < blocksize;
            var start = BinaryPrimitives.ReadInt32LittleEndian(src[(HeaderSize + 4 * b)..]);
            var nstreams = !dontSplit && typesize <= MaxSplits && bsize / typesize >= MinBufferSize && !leftover ? typesize : 1;
            var target = shuffle ? tmp.AsSpan(0, bsize) : dest.AsSpan(b * blocksize, bsize);
            DecodeBlock(src, start, codec, nstreams, target);
            if (shuffle) Unshuffle(typesize, tmp.AsSpan(0, bsize), dest.AsSpan(b * blocksize, bsize));
        }
        return dest;
    }

    private static void DecodeBlock(ReadOnlySpan<byte> src, int offset, int codec, int nstreams, Span<byte> block)
    {
        var neblock = block.Length / nstreams;
        for (var j = 0; j < nstreams; j++)
        {
            if (offset < 0 || offset + 4 > src.Length) throw new InvalidDataException("blosc stream header runs past the end of the chunk (truncated?).");
            var csize = BinaryPrimitives.ReadInt32LittleEndian(src[offset..]);
            offset += 4;
            if (csize < 0 || offset + csize > src.Length) throw new InvalidDataException("blosc stream runs past the end of the chunk (truncated?).");
            var input = src.Slice(offset, csize);
            var output = block.Slice(j * neblock, neblock);
            if (csize == neblock) input.CopyTo(output);                       // stored uncompressed
            else Decode(codec, input, output);
            offset += csize;
        }
    }

    private static void Decode(int codec, ReadOnlySpan<byte> input, Span<byte> output)
    {
        int n;
        switch (codec)
        {
            case 1:
                n = LZ4Codec.Decode(input, output);
                break;
            case 3:
                using (var z = new ZLibStream(new MemoryStream(input.ToArray()), CompressionMode.Decompress))
                    n = ReadAll(z, output);
                break;
            case 4:
                using (var d = new ZstdSharp.Decompressor())
                    n = d.Unwrap(input, output);
                break;
            default:
                throw new NotSupportedException($"blosc codec {CodecName(codec)} is not supported; supported: lz4, lz4hc, zlib, zstd.");
        }
        if (n != output.Length) throw new InvalidDataException($"blosc {CodecName(codec)} stream decoded to {n} bytes, expected {output.Length}.");
    }

    /// <summary>Undoes Blosc's byte shuffle: byte k of element i sits at k·n + i; trailing bytes are unshuffled.</summary>
    public static void Unshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest)
    {
        var n = src.Length / typesize;
        for (var i = 0; i < n; i++)
            for (var k = 0; k < typesize; k++)
                dest[i * typesize + k] = src[k * n + i];
        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    internal static int ReadAll(Stream s, Span<byte> output)
    {
        var total = 0;
        int read;
        while (total < output.Length && (read = s.Read(output[total..])) > 0) total += read;
        return total;
    }

    private static string CodecName(int codec) => codec switch
    {
        0 => "blosclz", 1 => "lz4", 2 => "snappy", 3 => "zlib", 4 => "zstd", _ => $"#{codec}",
    };
}
