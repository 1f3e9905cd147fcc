using System.Collections.Concurrent;
using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Training.Data;

/// <summary>
/// MNIST-format datasets under a directory: {directory}/{dataset name}/train-images-idx3-ubyte etc.,
/// raw or .gz. Each is loaded once per process and shared by every trial (and every source) after that.
/// </summary>
public sealed class IdxDataSource(string directory) : ITrainingDataSource
{
    private const int Classes = 10;

    private static readonly ConcurrentDictionary<string, Lazy<TrainingData>> Loaded = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The source over <see cref="DataDirectory.Locate"/>.</summary>
    public static IdxDataSource FromEnvironment() => new(DataDirectory.Locate());

    public TrainingData Load(Dataset dataset)
    {
        if (!Enum.IsDefined(dataset))
        {
            throw new InvalidTrialConfigException(InvalidTrialConfigException.NotOneOf("dataset", dataset));
        }

        var folder = Path.Combine(Directory, EnumNames.Of(dataset));
        var entry = Loaded.GetOrAdd(folder, path => new Lazy<TrainingData>(() => LoadFolder(path)));
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed load (files not there yet) is tried again by the next trial.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<TrainingData>>(folder, entry));
            throw;
        }
    }

    private static TrainingData LoadFolder(string folder) => new(
        LoadImages(folder, "train"),
        LoadImages(folder, "t10k"),
        Classes);

    private static ImageSet LoadImages(string folder, string prefix)
    {
        var (imageDimensions, pixels) = IdxFile.Read(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"));
        var (labelDimensions, labels) = IdxFile.Read(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"));
        if (imageDimensions.Length != 3 || labelDimensions.Length != 1 || imageDimensions[0] != labelDimensions[0])
        {
            throw new InvalidDataException($"The {prefix} images and labels in {folder} do not match.");
        }

        if (labels.Any(label => label >= Classes))
        {
            throw new InvalidDataException($"The {prefix} labels in {folder} go beyond {Classes - 1}.");
        }

        return ImageSet.Create(pixels, labels, new ImageShape(1, imageDimensions[1], imageDimensions[2]));
    }
}
