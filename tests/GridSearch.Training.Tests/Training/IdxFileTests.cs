using System.IO.Compression;
using GridSearch.Domain.Datasets;

namespace GridSearch.Training.Tests.Training;

public sealed class IdxFileTests : IDisposable
{
    private static readonly byte[] Idx = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 10, 20, 30, 40, 50, 60];

    private readonly string directory = Directory.CreateTempSubdirectory("idx").FullName;

    [Fact]
    public void Read_RawFile_GivesDimensionsAndBytes()
    {
        var path = Path.Combine(directory, "images");
        File.WriteAllBytes(path, Idx);

        var (dimensions, data) = IdxFile.Read(path);

        Assert.Equal([2, 1, 3], dimensions);
        Assert.Equal([10, 20, 30, 40, 50, 60], data);
    }

    [Fact]
    public void Read_WhenOnlyTheGzipExists_ReadsIt()
    {
        var path = Path.Combine(directory, "images");
        using (var file = File.Create(path + ".gz"))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Idx);
        }

        var (dimensions, data) = IdxFile.Read(path);

        Assert.Equal([2, 1, 3], dimensions);
        Assert.Equal(60, data[^1]);
    }

    [Fact]
    public void Read_MissingFile_SaysWhereItLooked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(Path.Combine(directory, "absent")));

        Assert.Contains("absent.gz", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
