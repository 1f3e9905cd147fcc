using GridSearch.Domain.Architectures;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Models;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Models;

public sealed class ImageGroundTests
{
    [Theory]
    [InlineData(Dataset.Mnist)]
    [InlineData(Dataset.FashionMnist)]
    public void IsLight_OfEveryTestImage_IsFalse_AndOfEveryTestImageInverted_IsTrue(Dataset dataset)
    {
        var (dimensions, data) = IdxFile.Read(DatasetFiles.Images(DatasetFiles.Folder(DataDirectory.Locate(), dataset), DatasetFiles.Test));
        var shape = ImageShape.Mnist;
        Assert.Equal([10_000, shape.Height, shape.Width], dimensions);

        var image = new float[shape.Pixels];
        var inverted = new float[shape.Pixels];
        var (light, darkInverted) = (0, 0);
        for (var i = 0; i < dimensions[0]; i++)
        {
            for (var p = 0; p < image.Length; p++)
            {
                image[p] = data[(i * image.Length) + p] / 255f;
                inverted[p] = 1 - image[p];
            }

            light += ImageGround.IsLight(image, shape) ? 1 : 0;
            darkInverted += ImageGround.IsLight(inverted, shape) ? 0 : 1;
        }

        Assert.Equal((0, 0), (light, darkInverted));
    }

    [Fact]
    public void BorderMean_ReadsTheOutermostRingOnly()
    {
        var shape = ImageShape.Mnist;
        var pixels = new float[shape.Pixels];
        // A white frame one pixel wide round a black middle, and a white square in the middle that must not count.
        for (var y = 0; y < shape.Height; y++)
        {
            for (var x = 0; x < shape.Width; x++)
            {
                var edge = x == 0 || y == 0 || x == shape.Width - 1 || y == shape.Height - 1;
                var middle = x is > 8 and < 20 && y is > 8 and < 20;
                pixels[(y * shape.Width) + x] = edge || middle ? 1 : 0;
            }
        }

        Assert.Equal(1.0, ImageGround.BorderMean(pixels, shape), 6);
        Array.Clear(pixels, 0, shape.Width);
        Assert.Equal(1 - (28.0 / 108), ImageGround.BorderMean(pixels, shape), 6);
        Assert.Throws<ArgumentException>(() => ImageGround.BorderMean(new float[10], shape));
    }
}
