using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Datasets;

/// <summary>Where a dataset's IDX files lie under the data directory: {directory}/{dataset name}/{part}-images-idx3-ubyte
/// and {part}-labels-idx1-ubyte, raw or .gz (<see cref="IdxFile.Read"/>).</summary>
public static class DatasetFiles
{
    /// <summary>The 60,000 training images.</summary>
    public const string Training = "train";

    /// <summary>The 10,000 test images.</summary>
    public const string Test = "t10k";

    public static string Folder(string directory, Dataset dataset) => Path.Combine(directory, EnumNames.Of(dataset));

    public static string Images(string folder, string part) => Path.Combine(folder, $"{part}-images-idx3-ubyte");

    public static string Labels(string folder, string part) => Path.Combine(folder, $"{part}-labels-idx1-ubyte");

    /// <summary>The four files a dataset's folder holds.</summary>
    public static IReadOnlyList<string> All(string folder) =>
        [Images(folder, Training), Labels(folder, Training), Images(folder, Test), Labels(folder, Test)];
}
