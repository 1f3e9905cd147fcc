using GridSearch.Domain.Architectures;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Data;

namespace GridSearch.Training.Tests.Support;

/// <summary>
/// A separable image set made up here: 12×12 images of noise with one bright 3×3 square whose
/// position (one of 10 of a 4×4 grid) is the class. Built once per process, like the real datasets.
/// </summary>
internal sealed class SyntheticData : ITrainingDataSource
{
    public const int Side = 12;

    private static readonly Lazy<TrainingData> Shared = new(() => new TrainingData(Make(2000, seed: 1), Make(500, seed: 2), 10));

    public static SyntheticData Source { get; } = new();

    public static TrainingData Data => Shared.Value;

    /// <summary>The synthetic images, whatever dataset the config names.</summary>
    public TrainingData Load(Dataset dataset) => Shared.Value;

    /// <summary><paramref name="count"/> images, classes in turn, with seeded noise.</summary>
    public static ImageSet Make(int count, int seed, int side = Side)
    {
        var random = new Random(seed);
        var pixels = new byte[count * side * side];
        var labels = new byte[count];
        var cell = side / 4;
        for (var i = 0; i < count; i++)
        {
            var label = i % 10;
            labels[i] = (byte)label;
            var image = pixels.AsSpan(i * side * side, side * side);
            for (var p = 0; p < image.Length; p++)
            {
                image[p] = (byte)random.Next(0, 90);
            }

            var (top, left) = (label / 4 * cell, label % 4 * cell);
            for (var y = top; y < top + cell; y++)
            {
                for (var x = left; x < left + cell; x++)
                {
                    image[(y * side) + x] = (byte)random.Next(170, 256);
                }
            }
        }

        return ImageSet.Create(pixels, labels, new ImageShape(1, side, side));
    }
}
