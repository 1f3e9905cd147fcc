using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Data;

/// <summary>
/// A few hundred 12×12 noise images, labelled in turn, made on the spot for <see cref="TrialTrainer.WarmUp"/>:
/// enough to run every step of a trial once, with no file read. Answers for any dataset.
/// </summary>
internal sealed class WarmUpImages : ITrainingDataSource, IDisposable
{
    private const int Side = 12;
    private const int Classes = 10;

    private readonly Lazy<TrainingData> data = new(() => new TrainingData(Make(320, seed: 1), Make(64, seed: 2), Classes));

    public TrainingData Load(Dataset dataset) => data.Value;

    public void Dispose()
    {
        if (data.IsValueCreated)
        {
            data.Value.Train.Dispose();
            data.Value.Test.Dispose();
        }
    }

    private static ImageSet Make(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % Classes);
        }

        return ImageSet.Create(pixels, labels, new ImageShape(1, Side, Side));
    }
}
