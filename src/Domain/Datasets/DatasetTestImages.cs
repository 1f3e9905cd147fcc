using System.Collections.Concurrent;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Datasets;

/// <summary>
/// The datasets' test images, for people to try a kept model on (the dashboard's "pick a test image"): each
/// dataset's test files read once, from the data directory ($GRIDSEARCH_DATA, or a checkout's data/) when this
/// process has one. An API on a machine without the datasets (the workers have them) answers that it has none.
/// </summary>
public sealed class DatasetTestImages(Func<string>? locate = null)
{
    private readonly Func<string> locate = locate ?? DataDirectory.Locate;
    private readonly ConcurrentDictionary<Dataset, Lazy<(byte[] Pixels, byte[] Labels)>> loaded = new();

    /// <summary>Test image <paramref name="index"/> (null picks one at random); null when this process has no
    /// copy of the dataset.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not that of a test image.</exception>
    public TestImage? Find(Dataset dataset, int? index)
    {
        if (Load(dataset) is not var (pixels, labels))
        {
            return null;
        }

        var at = index ?? Random.Shared.Next(labels.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(at, nameof(index));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(at, labels.Length, nameof(index));
        var size = DatasetImages.Of(dataset).Input.Pixels;
        var image = new float[size];
        for (var p = 0; p < size; p++)
        {
            image[p] = pixels[(at * size) + p] * (1f / 255f);
        }

        return new TestImage(at, labels[at], labels.Length, image);
    }

    private (byte[] Pixels, byte[] Labels)? Load(Dataset dataset)
    {
        var entry = loaded.GetOrAdd(dataset, d => new Lazy<(byte[], byte[])>(() =>
        {
            var folder = DatasetFiles.Folder(locate(), d);
            var (_, pixels) = IdxFile.Read(DatasetFiles.Images(folder, DatasetFiles.Test));
            var (_, labels) = IdxFile.Read(DatasetFiles.Labels(folder, DatasetFiles.Test));
            return (pixels, labels);
        }));
        try
        {
            return entry.Value;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // No copy here (or not yet): asked again, it looks again.
            loaded.TryRemove(new KeyValuePair<Dataset, Lazy<(byte[], byte[])>>(dataset, entry));
            return null;
        }
    }
}
