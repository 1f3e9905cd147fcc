using System.Collections.Concurrent;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Data;

/// <summary>
/// MNIST-format datasets under a directory: {directory}/{dataset name}/train-images-idx3-ubyte etc.,
/// raw or .gz. Each is loaded once per process and shared by every trial (and every source) after that.
/// </summary>
public sealed class IdxDataSource(string directory) : ITrainingDataSource
{
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

        var folder = DatasetFiles.Folder(Directory, dataset);
        var entry = Loaded.GetOrAdd(folder, path => new Lazy<TrainingData>(() => LoadFolder(path, DatasetImages.Of(dataset).Classes)));
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

    private static TrainingData LoadFolder(string folder, int classes) => new(
        LoadImages(folder, DatasetFiles.Training, classes),
        LoadImages(folder, DatasetFiles.Test, classes),
        classes);

    private static ImageSet LoadImages(string folder, string prefix, int classes)
    {
        var (imageDimensions, pixels) = IdxFile.Read(DatasetFiles.Images(folder, prefix));
        var (labelDimensions, labels) = IdxFile.Read(DatasetFiles.Labels(folder, prefix));
        if (imageDimensions.Length != 3 || labelDimensions.Length != 1 || imageDimensions[0] != labelDimensions[0])
        {
            throw new InvalidDataException($"The {prefix} images and labels in {folder} do not match.");
        }

        if (labels.Any(label => label >= classes))
        {
            throw new InvalidDataException($"The {prefix} labels in {folder} go beyond {classes - 1}.");
        }

        return ImageSet.Create(pixels, labels, new ImageShape(1, imageDimensions[1], imageDimensions[2]));
    }
}
