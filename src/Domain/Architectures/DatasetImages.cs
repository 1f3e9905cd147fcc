using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Architectures;

/// <summary>What a dataset's images look like to a network, known without reading its files: the planner
/// derives a config's network (and its parameter count) from this; the trainer uses the loaded data's.</summary>
public static class DatasetImages
{
    /// <summary>MNIST and Fashion-MNIST: 28×28 grey images of 10 classes.</summary>
    public static (ImageShape Input, int Classes) Of(Dataset dataset) => dataset switch
    {
        Dataset.Mnist or Dataset.FashionMnist => (ImageShape.Mnist, 10),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "no such dataset"),
    };

    /// <summary>Training images in each dataset's training file (MNIST and Fashion-MNIST: 60,000).</summary>
    public const int TrainingImages = 60_000;

    /// <summary>Test images in each dataset's test file (MNIST and Fashion-MNIST: 10,000); every trial ends with a pass over them.</summary>
    public const int TestImages = 10_000;

    /// <summary>The images one epoch of a config trains on: its trainSize, or what the validation split leaves.</summary>
    public static long SamplesPerEpoch(int trainSize, double valSplit) =>
        trainSize > 0 ? trainSize : (long)Math.Round(TrainingImages * (1 - valSplit));
}
