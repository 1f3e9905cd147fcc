using System.Buffers.Binary;
using System.IO.Compression;

namespace GridSearch.Domain.Datasets;

/// <summary>Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed.</summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads <paramref name="path"/>, or <paramref name="path"/>.gz when only that exists.</summary>
    public static (int[] Dimensions, byte[] Data) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var compressed = !File.Exists(path) && File.Exists(path + ".gz");
        var file = compressed ? path + ".gz" : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"IDX file not found: {path} (nor {path}.gz). Run `make data` or set GRIDSEARCH_DATA.", path);
        }

        using var stream = File.OpenRead(file);
        using var input = compressed ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        Span<byte> magic = stackalloc byte[4];
        input.ReadExactly(magic);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByte || magic[3] == 0)
        {
            throw new InvalidDataException($"{file} is not an IDX file of unsigned bytes.");
        }

        var dimensions = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long total = 1;
        for (var i = 0; i < dimensions.Length; i++)
        {
            input.ReadExactly(size);
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            total *= dimensions[i];
        }

        if (total < 0 || total > Array.MaxLength)
        {
            throw new InvalidDataException($"{file} declares {total} values.");
        }

        var data = new byte[total];
        input.ReadExactly(data);
        return (dimensions, data);
    }
}
