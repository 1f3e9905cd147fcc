using GridSearch.Domain.Datasets;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Datasets;

public sealed class DatasetTestImagesTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"gs-test-images-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Find_WithoutTheFiles_IsNull_AndOnceTheyAreWritten_ReadsThem()
    {
        var images = new DatasetTestImages(() => directory);
        Assert.Null(images.Find(Dataset.FashionMnist, 0));

        // Two 28×28 test images written as IDX files: the second is all 255 with label 9.
        var folder = DatasetFiles.Folder(directory, Dataset.FashionMnist);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(DatasetFiles.Images(folder, DatasetFiles.Test), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[784], .. Enumerable.Repeat((byte)255, 784)]);
        File.WriteAllBytes(DatasetFiles.Labels(folder, DatasetFiles.Test), [0, 0, 8, 1, 0, 0, 0, 2, 3, 9]);

        var image = images.Find(Dataset.FashionMnist, 1)!;
        Assert.Equal((1, 9, 2), (image.Index, image.Label, image.Count));
        Assert.All(image.Pixels, p => Assert.Equal(1f, p));
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Find(Dataset.FashionMnist, 2));
        Assert.InRange(images.Find(Dataset.FashionMnist, null)!.Index, 0, 1);
    }
}
